"""ssckb.money: what is derived from an entry's contributions, on plain data.

Pinned here: currencies are never added together, a missing amount is counted, never a zero, IFAD is one
funder among others, and leverage is known only where every amount behind it is.
"""

from __future__ import annotations

import pytest

from ssckb import money

IFAD_500 = {"funder": "ifad", "amount": 500000, "currency": "USD", "kind": "not-stated", "status": "not-stated"}
OTHERS_1500 = {"funder_group": "not-named", "amount": 1500000, "currency": "USD", "kind": "not-stated",
               "status": "not-stated"}
FAO_IN_KIND = {"funder": "fao", "amount": 25000, "currency": "USD", "kind": "in-kind", "status": "spent"}
YAAS_CNY = {"funder": "yaas", "amount": 300000, "currency": "CNY", "kind": "in-kind", "status": "planned"}
NO_AMOUNT = {"funder_group": "governments", "kind": "not-stated", "status": "allocated"}


def test_ifad_is_one_funder_among_others():
    items = [IFAD_500, OTHERS_1500, FAO_IN_KIND]
    assert money.ifad_contribution(items).amounts == (("USD", 500000),)
    assert money.cofinancing(items).amounts == (("USD", 1525000),)
    assert money.in_kind(items).amounts == (("USD", 25000),)
    assert money.funder_key(IFAD_500) == ("institution", "ifad")
    assert money.funder_key(OTHERS_1500) == ("group", "not-named")


def test_currencies_are_never_added_together():
    total = money.total([IFAD_500, YAAS_CNY, FAO_IN_KIND])
    assert total.amounts == (("CNY", 300000), ("USD", 525000))
    assert total.amount_in("USD") == 525000 and total.amount_in("EUR") is None
    assert (total + money.total([YAAS_CNY])).amounts == (("CNY", 600000), ("USD", 525000))


def test_a_missing_amount_is_counted_not_added_as_zero():
    total = money.total([NO_AMOUNT])
    assert not total.stated and total.amounts == () and (total.unstated, total.count) == (1, 1)
    assert total.amount_in("USD") is None  # not 0
    assert money.total([]).count == 0 and not money.total([]).stated
    both = money.total([NO_AMOUNT, FAO_IN_KIND])
    assert both.amounts == (("USD", 25000),) and both.unstated == 1


def test_amounts_by_status_in_footnote_18s_order():
    statuses = money.by_status([IFAD_500, FAO_IN_KIND, YAAS_CNY, NO_AMOUNT])
    assert list(statuses) == ["planned", "allocated", "spent", "not-stated"]
    assert statuses["planned"].amounts == (("CNY", 300000),)
    assert (statuses["allocated"].amounts, statuses["allocated"].unstated) == ((), 1)
    assert statuses["spent"].amounts == (("USD", 25000),)
    assert statuses["not-stated"].amounts == (("USD", 500000),)


@pytest.mark.parametrize("items, ratio", [
    ([IFAD_500, OTHERS_1500], 3.0),
    ([IFAD_500, OTHERS_1500, FAO_IN_KIND], 3.05),  # in kind counts as cofinancing
    ([IFAD_500], None),  # the source says nothing of others: not a leverage of 0
    ([OTHERS_1500], None),  # no IFAD amount
    ([IFAD_500, NO_AMOUNT], None),  # an amount of others is missing
    ([IFAD_500, YAAS_CNY], None),  # another currency: not converted
    ([{**IFAD_500, "amount": 0}, OTHERS_1500], None),
])
def test_leverage_only_where_every_amount_behind_it_is_known(items, ratio):
    result = money.entry_leverage(items)
    assert (result.ratio is None) == (ratio is None)
    if ratio is not None:
        assert result.ratio == pytest.approx(ratio) and result.entries == 1


def test_leverage_over_entries_sums_the_entries_it_can_compute():
    result = money.leverage([[IFAD_500, OTHERS_1500], [IFAD_500], [{**IFAD_500, "amount": 200000},
                                                                   {**OTHERS_1500, "amount": 560000}]])
    assert (result.ifad, result.cofinancing, result.entries) == (700000, 2060000, 2)
    assert result.ratio == pytest.approx(2060000 / 700000)
    assert money.leverage([]).ratio is None


def test_a_contribution_is_cited_as_the_entry_unless_it_says_where():
    entry_sources = [{"source": "ifad-repl-ix-3-r-3", "locations": ["Annex I, paragraph 3"]}]
    own = [{"source": "ifad-repl-ix-3-r-3", "locations": ["Annex I, box 1"]}]
    assert money.sources_of(IFAD_500, entry_sources) == entry_sources
    assert money.sources_of({**IFAD_500, "sources": own}, entry_sources) == own
