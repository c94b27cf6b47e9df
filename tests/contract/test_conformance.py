"""The fakes and the SQL classes are their ports, checked by mypy (this module is type-checked strictly,
decision 0012): each assignment below fails `mypy` if a class drifts from its protocol. At run time it
checks the fakes offer every method their protocol names."""

from __future__ import annotations

import inspect

from sqlalchemy import create_engine

from rednotice.adapters.db.after_hit import SqlAfterHitRepository
from rednotice.adapters.db.figures import SqlFiguresRepository
from rednotice.adapters.db.store import SqlUnitOfWork
from rednotice.adapters.memory import MemoryData, MemoryUnitOfWork
from rednotice.adapters.memory_after_hit import MemoryAfterHitRepository
from rednotice.adapters.memory_figures import MemoryFiguresRepository
from rednotice.services import ports


def test_the_fakes_are_their_ports() -> None:
    data = MemoryData()
    with MemoryUnitOfWork(data) as uow:
        typed: ports.AfterHitUnitOfWork = uow
        figures: ports.FiguresUnitOfWork = uow
        after_hit: ports.AfterHitRepository = MemoryAfterHitRepository(data)
        counts: ports.FiguresRepository = MemoryFiguresRepository(data)
        assert typed.after_hit is not None and figures.figures is not None
        assert after_hit is not None and counts is not None
        pairs = [
            (ports.NoticeRepository, uow.notices),
            (ports.UserRepository, uow.users),
            (ports.AuditLog, uow.audit),
            (ports.ReviewRepository, uow.reviews),
            (ports.RedressRepository, uow.redress),
            (ports.ScreeningRepository, uow.screening),
            (ports.PublicRepository, uow.public),
            (ports.AfterHitRepository, uow.after_hit),
            (ports.FiguresRepository, uow.figures),
            (ports.PublicFiguresTables, uow.public_figures),
        ]
    for protocol, fake in pairs:
        names = [n for n, _ in inspect.getmembers(protocol, inspect.isfunction) if not n.startswith("_")]
        missing = [n for n in names if not callable(getattr(fake, n, None))]
        assert not missing, (protocol.__name__, missing)


def test_the_sql_classes_are_their_ports() -> None:
    engine = create_engine("sqlite://")
    uow: ports.UnitOfWork = SqlUnitOfWork(engine)
    with engine.connect() as conn:
        after_hit: ports.AfterHitRepository = SqlAfterHitRepository(conn)
        figures: ports.FiguresRepository = SqlFiguresRepository(conn)
    assert uow is not None and after_hit is not None and figures is not None
    engine.dispose()
