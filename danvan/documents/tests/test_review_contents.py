"""The review report's contents: every figure is the live roll-up's, on either map, with the registers' detail."""

from datetime import date
from decimal import Decimal

import pytest

from danvan.conftest import unit
from danvan.core.errors import NotFound
from danvan.documents.selectors.review import review_contents
from danvan.engagement.models import Dialogue, PrestigiousPerson
from danvan.engagement.models.petitions import Petition, PetitionStatus
from danvan.engagement.selectors.petitions import petition_dashboard
from danvan.engagement.services.activities import activity_create
from danvan.engagement.services.dialogues import dialogue_create
from danvan.engagement.services.persons import person_create
from danvan.engagement.tests.petition_factories import at, submit
from danvan.initiatives.models import Field, Initiative, Status
from danvan.initiatives.selectors import initiative_stats
from danvan.initiatives.services import initiative_create
from danvan.org.models import Organization
from danvan.reporting.models import ReportForm
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import indicator_list, programme_progress, rollup
from danvan.reporting.services import programme_create, target_set
from danvan.reporting.tests.factories import report

QUANG_NINH_2024, QUANG_NINH_2025, UONG_BI_2024 = ("2024", "22"), ("2025", "22"), ("2024", "196")
NAM_KHE_2024, VANG_DANH_2025, BINH_LIEU_2024 = ("2024", "06823"), ("2025", "06820"), ("2024", "198")
NAM_KHE_MTTQ = "Ủy ban MTTQ Việt Nam phường Nam Khê"
VANG_DANH_MTTQ = "Ủy ban MTTQ Việt Nam phường Vàng Danh"
SECTION_KEYS = ["figures", "models", "three_together", "petitions", "dialogues", "persons", "programmes", "awards"]


def org(name):
    return Organization.objects.get(name=name)


def model(actor, name, *, where=NAM_KHE_2024, owner=NAM_KHE_MTTQ, status=Status.REGISTERED, year=2024, **kw):
    m = initiative_create(
        actor=actor, name=name, unit=unit(*where), organization=org(owner), year=year, register=True, **kw
    )
    if status != Status.REGISTERED:
        Initiative.objects.filter(pk=m.pk).update(status=status)
    return m


def answered(petition, on, due):
    Petition.objects.filter(pk=petition.pk).update(status=PetitionStatus.ANSWERED, answered_at=on, settle_due=due)


@pytest.fixture
def year_2024(admin_user, commune_reporter, province_manager):
    """Nam Khê's reports for 2023 and 2024, and records of 2024 on both maps (Vàng Danh took Nam Khê in 2025)."""
    form = ReportForm.objects.get(code="dvk-commune-year")
    nam_khe = unit(*NAM_KHE_2024)
    report(commune_reporter, form, nam_khe, "2023", {"tt_people": 100, "houses_helped": 2, "prestigious_persons": 7})
    report(
        commune_reporter,
        form,
        nam_khe,
        "2024",
        {"tt_people": 140, "houses_helped": 3, "prestigious_persons": 9, "petitions_received": 4},
    )
    first = model(commune_reporter, "Tuyến phố tự quản Nam Sơn", field=Field.CULTURAL_SOCIAL, status=Status.TYPICAL)
    model(commune_reporter, "Thắp sáng đường quê", field=Field.ECONOMIC, replicated_from=first)
    model(commune_reporter, "Bản nháp", field=Field.ECONOMIC, status=Status.DRAFT)
    model(commune_reporter, "Năm trước", field=Field.ECONOMIC, year=2023)
    # kept on the 2025 map's ward that took Nam Khê in: counts in the 2024 map's report too
    model(province_manager, "Cà phê sáng", where=VANG_DANH_2025, owner=VANG_DANH_MTTQ, field=Field.DEFENCE_SECURITY)
    activity_create(
        actor=admin_user,
        organization=org(NAM_KHE_MTTQ),
        unit=nam_khe,
        start_date=date(2024, 5, 10),
        end_date=date(2024, 5, 12),
        cadres_count=12,
        people_count=40,
        activities=["eat", "work"],
        houses_built=1,
        houses_repaired=1,
        money=60_000_000,
        workdays=48,
    )
    on_time = submit(kind="complaint", now=at(2024, 3, 1))
    answered(on_time, at(2024, 3, 20), date(2024, 4, 1))
    late = submit(kind="recommendation", now=at(2024, 8, 1))
    answered(late, at(2024, 10, 20), date(2024, 9, 1))
    submit(kind="feedback", now=at(2024, 11, 1))  # still received, its acceptance long overdue
    submit(kind="feedback", now=at(2023, 11, 1))  # the year before
    dialogue_create(
        actor=admin_user,
        title="Cà phê sáng — trao đổi với nhân dân phường Nam Khê",
        format=Dialogue.Format.MORNING_COFFEE,
        held_on=date(2024, 6, 1),
        unit=nam_khe,
        host=org(NAM_KHE_MTTQ),
        participants_count=45,
    )
    person_create(
        actor=admin_user,
        full_name="Nguyễn Văn Bản",
        village=nam_khe,
        standing=PrestigiousPerson.Standing.ELDER,
        since=date(2020, 1, 1),
    )
    return form


def contents(user, where, code="2024"):
    return review_contents(user=user, unit=unit(*where), period=period_get(code))


def rolled(user, where, indicator, code):
    r = rollup(user=user, unit=unit(*where), indicator=indicator, period=period_get(code))
    return r.value if r.count else None


def coded(c):
    """Every figure of every section that names an indicator, by section."""
    out = []
    stack = list(c.sections)
    while stack:
        s = stack.pop(0)
        stack[:0] = s.subsections
        out += [(s.key, f) for f in s.figures if f.code]
    return out


@pytest.mark.parametrize("where", [QUANG_NINH_2024, QUANG_NINH_2025, UONG_BI_2024])
def test_every_figure_is_the_rollup_on_both_maps(province_manager, year_2024, where):
    c = contents(province_manager, where)
    assert [s.key for s in c.sections] == SECTION_KEYS
    assert (c.era, c.period_code, c.period_label, c.previous_label) == (where[0], "2024", "năm 2024", "năm 2023")
    assert c.scope_note == "" and not c.empty
    indicators = {i.code: i for i in indicator_list(user=province_manager)}
    figures = coded(c)
    assert {f.code for k, f in figures if k == "figures"} == set(indicators)
    for _key, f in figures:
        assert f.value == rolled(province_manager, where, indicators[f.code], "2024"), f.code
        assert f.previous == rolled(province_manager, where, indicators[f.code], "2023"), f.code
    got = {f.code: f for k, f in figures if k == "figures"}
    # what was reported and recorded, on whichever map: three working models of 2024 (one kept on the 2025 map)
    assert got["models_registered"].value == 3 and got["models_registered"].previous == 1
    assert got["models_typical"].value == 1
    assert (got["tt_people"].value, got["tt_people"].previous, got["tt_people"].change) == (180, 100, 80)
    assert got["petitions_received"].value == 4 + 3 and got["petitions_received"].previous == 1
    assert got["awards_collective"].value is None  # nothing reported is not a zero
    assert [k for k, f in figures if f.code == "tt_people"] == ["figures", "three_together"]


def test_the_table_by_unit_holds_each_childs_rollup(province_manager, year_2024):
    c = contents(province_manager, QUANG_NINH_2024)
    table = c.section("figures").tables[1]
    assert table.columns[0] == "Đơn vị" and table.total[0] == "Tổng"
    people = next(i for i in indicator_list(user=province_manager) if i.code == "tt_people")
    by_child = rollup(
        user=province_manager, unit=unit(*QUANG_NINH_2024), indicator=people, period=period_get("2024"), by="child"
    )
    column = 1 + [h.split(" (")[0] for h in table.columns[1:]].index(people.name)
    rows = {r[0]: r[column] for r in table.rows}
    assert rows["Thành phố Uông Bí"] == Decimal(180)
    assert {name: rows[name] for name in rows} == {
        row.label: (row.value if row.count else None) for row in by_child.rows
    }
    assert table.total[column] == by_child.value
    chart = c.section("figures").charts[0]
    assert chart.series[0].name == "năm 2024" and len(chart.categories) == len(chart.series[1].values)


def test_models_by_field_are_the_initiatives_stats(province_manager, year_2024):
    for where in (QUANG_NINH_2024, QUANG_NINH_2025):
        c = contents(province_manager, where)
        models = c.section("models")
        stats = initiative_stats(user=province_manager, unit=unit(*where), year=2024)
        by_field = models.tables[0]
        assert [r[1] for r in by_field.rows] == [stats.by_field[f] for f in Field.values]
        assert by_field.total == ["Tổng", stats.total] and stats.total == 3
        assert models.charts[0].series[0].values == [float(stats.by_field[f]) for f in Field.values]
        by_status = {r[0]: r[1] for r in models.tables[1].rows}
        assert by_status[str(Status.TYPICAL.label)] == 1 and str(Status.DRAFT.label) not in by_status
        assert [r[1] for r in models.tables[2].rows] == [2, 1]  # new, replicated
        typical = models.tables[3]
        assert [r[0] for r in typical.rows] == ["Tuyến phố tự quản Nam Sơn"]


def test_petitions_by_kind_resolved_on_time_and_overdue(province_manager, year_2024):
    c = contents(province_manager, QUANG_NINH_2025)
    section = c.section("petitions")
    table = section.tables[0]
    rows = {r[0]: r[1:] for r in table.rows}
    assert rows["khiếu nại"] == [1, 1, 1, Decimal("100.0"), 0]
    assert rows["kiến nghị"] == [1, 1, 0, Decimal("0.0"), 0]
    assert rows["phản ánh"] == [1, 0, 0, None, 1]
    assert table.total == ["Tổng", 3, 2, 1, Decimal("50.0"), 1]
    dash = petition_dashboard(
        user=province_manager, start=date(2024, 1, 1), end=date(2024, 12, 31), unit=unit(*QUANG_NINH_2025)
    )
    assert (dash.total.received, dash.total.resolved, dash.total.on_time) == (3, 2, 1)
    extra = {f.label: f.value for f in section.figures if not f.code}
    assert extra == {"Giải quyết đúng hạn": Decimal("50.0"), "Tiếp nhận trong kỳ, đã quá hạn": 1}


def test_three_together_dialogues_persons_from_the_records(province_manager, year_2024):
    c = contents(province_manager, QUANG_NINH_2024)
    activities = {r[0]: r[1] for r in c.section("three_together").tables[0].rows}
    assert activities["Số hoạt động được ghi nhận"] == 1 and activities["Số nhà xây mới"] == 1
    dialogues = c.section("dialogues").tables[0]
    assert dialogues.rows == [[str(Dialogue.Format.MORNING_COFFEE.label), 1, 45, 0, 0]]
    persons = c.section("persons").tables[0]
    assert persons.rows == [["già làng", 1]] and "31/12/2024" in persons.caption
    text = repr(c)
    assert "Nguyễn Văn Bản" not in text  # counts only: no person's name


def test_programmes_show_each_targets_progress(province_manager, year_2024):
    p = programme_create(
        actor=province_manager,
        name="Đề án 02",
        document_number="02-ĐA/TU",
        unit=unit(*QUANG_NINH_2025),
        start=date(2021, 1, 1),
        end=date(2025, 12, 31),
    )
    people = next(i for i in indicator_list(user=province_manager) if i.code == "tt_people")
    target_set(actor=province_manager, programme=p, indicator=people, value=1000)
    for where in (QUANG_NINH_2024, QUANG_NINH_2025):
        c = contents(province_manager, where)
        sub = c.section(f"programme-{p.pk}")
        progress = programme_progress(user=province_manager, programme=p, as_of=date(2024, 12, 31))
        row = sub.tables[0].rows[0]
        assert row[3:7] == [
            Decimal(1000),
            progress.targets[0].actual,
            progress.targets[0].expected,
            progress.targets[0].percent,
        ]
        assert progress.targets[0].actual == 280  # 2023 and 2024
    assert contents(province_manager, UONG_BI_2024).section("programmes").subsections  # covers Uông Bí too
    assert not contents(province_manager, QUANG_NINH_2024, "2020").section("programmes").subsections


def test_awards_by_form_with_the_models_they_commend(province_manager, year_2024):
    from danvan.recognition.models import Award
    from danvan.recognition.services.decisions import RecipientSpec, decision_create, decision_issue

    typical = Initiative.objects.get(name="Tuyến phố tự quản Nam Sơn")
    nam_khe = unit(*NAM_KHE_2024)
    decision = decision_create(
        actor=province_manager,
        issuer=org("Ban Dân vận Tỉnh ủy Quảng Ninh"),
        award=Award.objects.get(code="bang-khen-dang-mat-tran"),
        year=2024,
        title="Về việc tặng Bằng khen",
        reason="Có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo” năm 2024",
        signer_name="Nguyễn Thị Hạnh",
        signer_title="Trưởng Ban",
        suffix="BDVTU",
        recipients=[
            RecipientSpec(unit=nam_khe, name="Nhân dân phường Nam Khê", initiative=typical),
            RecipientSpec(unit=nam_khe, name="Chi hội phụ nữ khu Nam Sơn"),
        ],
        on=date(2024, 12, 20),
    )
    decision_issue(actor=province_manager, decision=decision, signed_on=date(2024, 12, 20))
    for where in (QUANG_NINH_2024, QUANG_NINH_2025, UONG_BI_2024):
        c = contents(province_manager, where)
        awards = c.section("awards")
        assert awards.tables[0].rows == [["Bằng khen", 2, 0, 2]]
        assert awards.tables[0].total == ["Tổng", 2, 0, 2]
        figures = {f.code or f.label: f.value for f in awards.figures}
        assert figures["awards_collective"] == 2 and figures["Số quyết định khen thưởng đã ban hành"] == 1
        typical_row = c.section("models").tables[3].rows[0]
        assert typical_row[0] == typical.name and typical_row[-1] == "Bằng khen"
    assert not contents(province_manager, QUANG_NINH_2024, "2023").section("awards").tables


def test_an_empty_year_is_empty(province_manager, year_2024):
    c = contents(province_manager, QUANG_NINH_2024, "2019")
    assert c.empty and all(f.value is None for f in c.section("figures").figures)
    assert c.section("figures").tables == [] and c.section("figures").charts == []
    assert not contents(province_manager, QUANG_NINH_2024).empty


def test_it_rejects_other_province(other_manager, year_2024):
    for where in (QUANG_NINH_2024, QUANG_NINH_2025, UONG_BI_2024):
        with pytest.raises(NotFound):
            contents(other_manager, where)


def test_a_narrower_scope_says_so_and_sums_only_its_units(district_reviewer, province_manager, year_2024):
    c = contents(district_reviewer, QUANG_NINH_2024)
    assert "Thành phố Uông Bí" in c.scope_note
    indicators = {i.code: i for i in indicator_list(user=province_manager)}
    for f in c.section("figures").figures:
        assert f.value == rolled(district_reviewer, UONG_BI_2024, indicators[f.code], "2024"), f.code
    assert contents(district_reviewer, UONG_BI_2024).scope_note == ""
    with pytest.raises(NotFound):
        contents(district_reviewer, BINH_LIEU_2024)


def test_a_role_narrowed_to_one_organisation_gets_its_records_and_no_unit_figures(year_2024):
    from danvan.org.models import Membership, Role, User

    user = User.objects.create_user(username="mttq-namkhe", password="x")
    Membership.objects.create(user=user, role=Role.VIEWER, unit=unit(*NAM_KHE_2024), organization=org(NAM_KHE_MTTQ))
    c = contents(user, NAM_KHE_2024)
    assert "tổ chức mình" in c.scope_note
    assert all(f.value is None for f in c.section("figures").figures)  # the unit's figures are not his
    assert c.section("models").tables[0].total[1] == 2  # his organisation's models at Nam Khê
    with pytest.raises(NotFound):
        contents(user, BINH_LIEU_2024)


def test_a_half_year_works(province_manager, year_2024):
    c = contents(province_manager, QUANG_NINH_2025, "2024-H1")
    assert (c.period_label, c.previous_label) == ("6 tháng đầu năm 2024", "6 tháng cuối năm 2023")
    figures = c.section("figures")
    assert all(f.value is None and f.previous is None for f in figures.figures)  # every indicator is yearly
    assert "báo cáo theo năm" in figures.paragraphs[0]
    kinds = {r[0]: r[1] for r in c.section("petitions").tables[0].rows}
    assert (kinds["khiếu nại"], kinds["kiến nghị"]) == (1, 0)  # received in March, not August
    assert c.section("models").tables[0].total[1] == 3  # models are registered for a year
    assert not c.empty


# every indicator in both periods by child in one bulk read (`selectors.rollups_bulk`: cells, children,
# the records of the computed ones in one UNION), then a few per section; none per indicator or unit below
QUERIES = 22


def test_query_count_is_pinned_and_does_not_grow_with_the_communes(
    province_manager, commune_reporter, year_2024, django_assert_num_queries
):
    contents(province_manager, QUANG_NINH_2024)  # the first read compiles the records' units' map targets once
    with django_assert_num_queries(QUERIES):
        contents(province_manager, QUANG_NINH_2024)
    # more reports and records, in more communes and districts, change no count
    report(commune_reporter, year_2024, unit(*NAM_KHE_2024), "2022", {"tt_people": 5})
    for code in ("06814", "06817", "06826"):
        submit(kind="complaint", place=("2024", code), now=at(2024, 4, 1))
    model(
        province_manager,
        "Đèn đường Bình Liêu",
        where=BINH_LIEU_2024,
        owner="Ban Dân vận Huyện ủy Bình Liêu",
        field=Field.ECONOMIC,
    )
    contents(province_manager, QUANG_NINH_2024)
    with django_assert_num_queries(QUERIES):
        c = contents(province_manager, QUANG_NINH_2024)
    assert c.section("petitions").tables[0].total[1] == 3 + 3
