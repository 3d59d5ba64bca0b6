"""Normalize stage: the typed CSL-JSON item model (items, names, dates) and its I/O."""
from .dates import Date
from .item import Item
from .names import Name
from .variables import DATE_VARIABLES, NAME_VARIABLES, NUMBER_VARIABLES, kind_of

__all__ = ["Date", "Item", "Name", "DATE_VARIABLES", "NAME_VARIABLES", "NUMBER_VARIABLES",
           "kind_of"]
