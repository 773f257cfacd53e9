"""The ``gixr`` command: takes files, prints what every stage made of them.

``main`` holds the commands; ``render_text`` is the plain-text view of a Report, ``explain`` each
source line with what it became, ``treeview`` the Lark parse tree and the grammar files.
"""
