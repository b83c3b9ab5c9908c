"""The time formsvc's tests decide (the app's ``CLOCK`` setting)."""

import datetime

PARIS_WINTER = datetime.timezone(datetime.timedelta(hours=1))
# A Wednesday afternoon in 2013, a week before any créneau: the form is open by default.
OUTSIDE_CRENEAU = datetime.datetime(2013, 1, 23, 15, 0, tzinfo=PARIS_WINTER)
DURING_CRENEAU = datetime.datetime(2013, 1, 30, 19, 0, tzinfo=PARIS_WINTER)


class Clock:
    """A settable clock for the app (CLOCK setting): tests decide what time it is."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now.astimezone(datetime.UTC)

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)
