"""An import-linter contract type of our own: an allow-list (issue 17, item 5).

import-linter's built-in contracts say what a package must *not* import (``forbidden``); the domain's rule
is the other way round: it imports the standard library, itself and the libraries a decision names
(docs/decisions/0005-libraries-in-the-domain.md), nothing else. ``pyproject.toml`` registers this type
(``contract_types``) and declares the domain's contract with it, so ``lint-imports`` (``make imports``)
refuses a new dependency of the domain, on the import graph it already builds (TYPE_CHECKING imports
included). ``tests/unit/test_import_allow_list.py`` checks the type itself.
"""

from __future__ import annotations

import sys
from typing import cast

import grimp
from importlinter import Contract, ContractCheck, fields, output


class AllowListContract(Contract):
    """The ``source_modules`` (and everything below them) import only themselves, the standard library
    (unless ``allow_standard_library = false``) and the ``allowed_modules`` (a package, external or of the
    root package, allows everything below it).

    Configuration: ``source_modules``, ``allowed_modules`` (lists of module names),
    ``allow_standard_library`` (optional, default true)."""

    source_modules = fields.ListField(subfield=fields.StringField())
    allowed_modules = fields.ListField(subfield=fields.StringField(), required=False, default=[])
    allow_standard_library = fields.BooleanField(required=False, default=True)

    def _allowed(self, imported: str, sources: set[str]) -> bool:
        if imported in sources:
            return True
        if cast(bool, self.allow_standard_library) and imported.split(".")[0] in sys.stdlib_module_names:
            return True
        return any(
            imported == a or imported.startswith(a + ".") for a in cast(list[str], self.allowed_modules)
        )

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        sources: set[str] = set()
        for module in cast(list[str], self.source_modules):
            sources.add(module)
            if module in graph.modules and not graph.is_module_squashed(module):
                sources |= graph.find_descendants(module)
        outside = []
        for importer in sorted(sources & graph.modules):
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                if self._allowed(imported, sources):
                    continue
                details = graph.get_import_details(importer=importer, imported=imported)
                lines = tuple(d["line_number"] for d in details)
                outside.append({"importer": importer, "imported": imported, "line_numbers": lines})
        return ContractCheck(kept=not outside, metadata={"outside": outside})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for link in check.metadata["outside"]:
            lines = ", ".join(str(n) for n in link["line_numbers"])
            output.print_error(
                f"{link['importer']} is not allowed to import {link['imported']} (l. {lines})", bold=False
            )
            output.new_line()
