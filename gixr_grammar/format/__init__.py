"""The State Council format: what a report is, independent of any text.

Gives the tables' rows, columns and stable addresses (``schema``), the Chinese words Python must
print or read (``vocabulary``) and the arithmetic every report must satisfy (``rules``). Takes
nothing: every other stage builds on it.
"""
