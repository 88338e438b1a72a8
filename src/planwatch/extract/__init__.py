"""Extraction: numbers and units, quantities (results and targets), tasks.

Pure functions: text in, records out. Nothing here touches a database, prints or exits.
"""

from planwatch.extract.quantities import extract_quantities
from planwatch.extract.records import Quantity, Task
from planwatch.extract.tasks import extract_tasks

__all__ = ["Quantity", "Task", "extract_quantities", "extract_tasks"]
