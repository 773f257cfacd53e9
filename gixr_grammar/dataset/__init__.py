"""Reports to data: the dataset stage.

Takes Reports (or the files of a corpus); gives a Report as plain JSON-ready data and back
(``serialize``), a whole corpus as records and a long table of cells in JSONL, CSV or Parquet
(``corpus``, ``outputs``), the data dictionary (``dictionary``), a panel of a row per report
(``panel``), and typed pandas DataFrames of either (``frames``).
"""
