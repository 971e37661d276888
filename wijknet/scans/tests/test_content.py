import pytest

from wijknet.scans.content import load_scans
from wijknet.scans.models import Advice, Indicator, IndicatorGroup, Instrument, Item


@pytest.mark.django_db
def test_real_content_loads_once_and_every_indicator_has_advice(roadmap):
    assert load_scans() is True
    assert load_scans() is False
    assert list(Instrument.objects.order_by("order").values_list("key", flat=True)) == [
        "samenwerkingsscan",
        "interprofessioneel",
        "duurzaam-netwerk",
        "negen-tips",
    ]
    kaats = Instrument.objects.get(key="samenwerkingsscan")
    assert list(
        IndicatorGroup.objects.filter(instrument=kaats)
        .order_by("order")
        .values_list("name", flat=True)
    ) == [
        "Gedeelde ambitie",
        "Recht doen aan belangen",
        "Goed persoonlijk samenwerken",
        "Professioneel organiseren",
        "Betekenisgevend proces",
    ]
    for group in IndicatorGroup.objects.filter(instrument=kaats):
        assert group.indicators.count() == 4, group.name
    assert Indicator.objects.filter(instrument__key="duurzaam-netwerk").count() == 10
    assert Indicator.objects.filter(instrument__key="negen-tips").count() == 9
    assert (
        Indicator.objects.filter(instrument__key="interprofessioneel", group__key="profiel").count()
        == 11
    )
    without_advice = Indicator.objects.exclude(pk__in=Advice.objects.values("indicator"))
    assert list(without_advice.values_list("key", flat=True)) == []
    assert not Item.objects.filter(instrument__isnull=False, indicator__isnull=True).exists()
    assert all(
        a.source[:3] in {"000", "001", "002", "003", "004"} for a in Advice.objects.order_by("pk")
    )


@pytest.mark.django_db
def test_scan_content_reads_in_the_active_language(roadmap):
    from django.utils import translation

    load_scans()
    item = Item.objects.get(instrument__key="negen-tips", key="nt-01")
    indicator = item.indicator
    advice = Advice.objects.filter(indicator=indicator).order_by("order").first()
    assert item.text == (
        "Onze agenda staat niet te vol, zodat er ruimte is om elkaar te ontmoeten en uit te "
        "wisselen."
    )
    with translation.override("en"):
        assert item.text == (
            "Our agenda is not too full, so that there is room to meet and exchange."
        )
        assert indicator.name == "Tip 1: Enough ‘idle time’"
        assert indicator.group.instrument.name == (
            "Nine tips for a sustainable and productive network"
        )
        assert advice.text.startswith("Make meeting agendas lighter")
    # The database keeps the Dutch source; the English sits in `translations`.
    assert Item.objects.values_list("text", flat=True).get(pk=item.pk).startswith("Onze agenda")
    assert advice.translations["en"]["text"].startswith("Make meeting agendas lighter")
