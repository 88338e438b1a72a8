"""planwatch: development plans turned into live monitoring of their targets and tasks.

Data flows one way: documents → extract → store → monitor/evaluate → report/web.
"""

__version__ = "0.1.0"
