"""Broken rows placed by the arithmetic: the repair stage.

Takes one table's rows as printed (values that may be too few, too many or run together) and the
format's equations; gives every reading of each row (``placement``, ``glued`` for digits with no
separator) and the one the arithmetic decides, or none (``resolution``). Used by ``parse.tables``.
"""
