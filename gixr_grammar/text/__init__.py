"""Bytes to rows of cells: the text stage.

Takes the bytes or text of a report; gives its lines decoded (``decoding``), normalised with every
line kept in place (``normalize``), cut into rows of cells whatever the layout (``layout``), and the
reading of a value cell as a number or a printed blank (``values``).
"""
