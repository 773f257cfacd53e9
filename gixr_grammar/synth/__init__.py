"""Synthetic reports for tests and benchmarks: takes a chooser (hypothesis or random) and a style;
gives the cells of a whole consistent report (``generate``) and its text in any layout, with the
artefacts of real text (``render``). The inverse of parsing.
"""
