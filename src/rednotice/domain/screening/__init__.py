"""Screening travellers against notices in force: names across scripts, birth dates, documents."""
