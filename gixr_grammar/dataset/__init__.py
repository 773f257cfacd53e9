"""Reports to data: the dataset stage.

Takes Reports (or the files of a corpus); gives a Report as plain JSON-ready data and back
(``serialize``) and a whole corpus as one dataset in JSONL, CSV or Parquet (``corpus``).
"""
