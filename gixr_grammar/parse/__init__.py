"""Rows of cells to a Report: the grammar stage.

Takes the text stage's rows of cells; the scanner (``scanner``) turns them into the terminals of
``grammars/*.lark``, the LALR parser (``grammar``) runs the transformer (``transformer``) inline to
build drafts (``drafts``), and the assembler (``assemble``, with ``sections`` and ``tables``) gives
the typed model: meta, sections, tables with every cell at its address, and diagnostics.
"""
