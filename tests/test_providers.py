"""Provider directory: importers (CSV/XLSX/JSON, bad rows), search, chat answers, demo generator."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from advisor.profile import Profile
from advisor.services.providers import (
    CLASS_SENTENCE,
    DEMO_LABEL,
    PROVIDERS_DIR,
    Directory,
    Provider,
    UnknownPlace,
    answer_providers,
    class_citation,
    find_places,
    haversine_km,
    import_file,
    is_provider_question,
    load_gazetteer,
    map_header,
    resolve_place,
)

REPO = Path(__file__).resolve().parent.parent

CN_HEADER = "机构名称,机构类型,区县,地址,联系电话,经度,纬度,床位数,护理型床位,服务内容,收住失能老人\n"


def _gen_module():
    spec = importlib.util.spec_from_file_location("make_demo_providers", REPO / "scripts" / "make_demo_providers.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ------------------------------------------------------------------------------------------ import


def test_header_mapping():
    assert map_header("机构名称") == "name"
    assert map_header(" 经度 ") == "lon"
    assert map_header("纬度") == "lat"
    assert map_header("床位数(张)") == "beds_total"
    assert map_header("护理型床位") == "beds_nursing"
    assert map_header("联系电话") == "phone"
    assert map_header("服务内容") == "services"
    assert map_header("备注") is None


def test_import_csv_chinese_headers_and_bad_rows(tmp_path):
    f = tmp_path / "qingcheng.csv"
    f.write_text(
        CN_HEADER
        + "清城区甲养老院,养老院,清城区,某路1号,0763-1234567,113.06,23.70,100,60,助餐、助浴,是\n"  # line 2 ok
        + ",养老机构,清城区,某路2号,,113.06,23.70,50,10,,否\n"  # line 3 missing name
        + "坐标坏了,养老机构,清城区,某路3号,,东经113,23.70,50,10,,否\n"  # line 4 non-numeric lon
        + "床位坏了,养老机构,清城区,某路4号,,113.06,23.70,约一百,10,,否\n"  # line 5 non-numeric beds
        + "经纬度反了,养老机构,清城区,某路5号,,23.70,113.06,50,10,,否\n"  # line 6 swapped
        + "护理床位太多,养老机构,清城区,某路6号,,113.06,23.70,50,80,,否\n"  # line 7 nursing > total
        + "乙日间照料中心,日间照料,清城区,某路7号,,,,,,日托,\n",  # line 8 ok, no coordinates
        encoding="utf-8",
    )
    res = import_file(f)
    assert [p.name for p in res.records] == ["清城区甲养老院", "乙日间照料中心"]
    assert [e.line for e in res.errors] == [3, 4, 5, 6, 7]
    by_line = {e.line: e for e in res.errors}
    assert "缺少机构名称" in by_line[3].reason_zh and "missing name" in by_line[3].reason_en
    assert "经度" in by_line[4].reason_zh and "longitude" in by_line[4].reason_en
    assert "床位数" in by_line[5].reason_zh and "beds_total" in by_line[5].reason_en
    assert "填反" in by_line[6].reason_zh and "swapped" in by_line[6].reason_en
    assert "护理型床位" in by_line[7].reason_zh
    assert str(by_line[3]).startswith("qingcheng.csv:3:")
    a, b = res.records
    assert a.kind == "养老机构" and a.beds_total == 100 and a.beds_nursing == 60
    assert (a.lat, a.lon) == (23.70, 113.06)
    assert a.services == ["助餐", "助浴"] and a.accepts_disabled is True
    # province/city filled from the national division table for a known district
    assert (a.province, a.city, a.district) == ("广东省", "清远市", "清城区") and not a.approx
    # no coordinates: placed at its district's centroid, marked approximate
    assert b.kind == "日间照料中心" and b.approx and b.lat is not None and b.services == ["日间照料"]
    assert b.accepts_disabled is None
    assert a.demo is False and a.line == 2


def test_import_csv_multiline_cell_keeps_line_numbers(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text(
        'name,address,lat,lon\n"甲","第一行\n第二行",23.7,113.0\n乙,,91,113.0\n',
        encoding="utf-8",
    )
    res = import_file(f)
    assert [p.name for p in res.records] == ["甲"]
    assert [e.line for e in res.errors] == [4]
    assert "超出范围" in res.errors[0].reason_zh


def test_import_csv_gbk_and_no_name_column(tmp_path):
    f = tmp_path / "gbk.csv"
    f.write_bytes(("机构名称,地址\n丙敬老院,某镇\n").encode("gb18030"))
    res = import_file(f)
    assert [p.name for p in res.records] == ["丙敬老院"] and not res.errors
    g = tmp_path / "noname.csv"
    g.write_text("地址,电话\n某路,123456\n", encoding="utf-8")
    res = import_file(g)
    assert not res.records and res.errors[0].line == 1 and "name column" in res.errors[0].reason_en


def test_import_enum_and_bool_errors_are_not_fixed(tmp_path):
    f = tmp_path / "e.csv"
    f.write_text(
        "name,institution_class,ownership,accepts_disabled,star_rating,last_verified\n"
        "甲,兜底型,公办,是,三星,2025年3月1日\n"
        "乙,高端型,,,,\n"
        "丙,,国企,,,\n"
        "丁,,,也许,,\n"
        "戊,,,,六星,\n"
        "己,,,,,2025-02-30\n",
        encoding="utf-8",
    )
    res = import_file(f)
    assert [p.name for p in res.records] == ["甲", "丙"]  # 性质 as real lists write it is mapped, not refused
    assert (res.records[1].ownership, res.records[1].ownership_raw) == ("公办", "国企")
    p = res.records[0]
    assert (p.institution_class, p.ownership, p.accepts_disabled, p.star_rating, p.last_verified) == (
        "兜底保障型",
        "公办",
        True,
        3,
        "2025-03-01",
    )
    assert [e.line for e in res.errors] == [3, 5, 6, 7]


def test_import_xlsx(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    f = tmp_path / "list.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "机构名称", "机构类型", "区县", "联系电话", "经度", "纬度", "床位数", "护理型床位"])
    ws.append([1, "丁养老院", "养老机构", "英德市", 7632222222, 113.40, 24.19, 120, 80])  # row 2 ok
    ws.append([2, None, "养老机构", "英德市", None, 113.40, 24.19, 10, 5])  # row 3 no name
    ws.append([3, "戊助餐点", "长者饭堂", "英德市", None, 113.40, "abc", None, None])  # row 4 bad lat
    ws.append([4, "己护理院", "护理院", "英德市", None, 113.41, 24.18, "八十", None])  # row 5 bad beds
    wb.save(f)
    res = import_file(f)
    assert [p.name for p in res.records] == ["丁养老院"]
    assert [e.line for e in res.errors] == [3, 4, 5]
    p = res.records[0]
    assert p.phone == "7632222222" and p.beds_total == 120 and p.city == "清远市" and p.line == 2
    assert "序号" in res.unmapped_columns


def test_import_json_array_object_and_jsonl(tmp_path):
    arr = tmp_path / "a.json"
    arr.write_text(
        json.dumps(
            [
                {"机构名称": "庚养老院", "纬度": 36.06, "经度": 103.83, "床位数": 50, "区县": "城关区"},
                {"机构名称": "", "纬度": 36.06, "经度": 103.83},
                {"机构名称": "辛", "纬度": "north", "经度": 103.83},
                {"机构名称": "壬", "床位数": "many"},
            ],
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    res = import_file(arr)
    assert [p.name for p in res.records] == ["庚养老院"]
    text = arr.read_text(encoding="utf-8").splitlines()
    for e in res.errors:  # the reported line is where that record starts
        assert text[e.line - 1].strip() == "{"
    assert len(res.errors) == 3 and res.errors[0].line < res.errors[1].line < res.errors[2].line
    assert res.records[0].city == "兰州市"

    obj = tmp_path / "b.json"
    obj.write_text('{"providers": [\n{"name": "癸", "lat": 41.8, "lon": 123.4},\n{"name": "子", "lat": 999, "lon": 1}\n]}')
    res = import_file(obj)
    assert [p.name for p in res.records] == ["癸"] and [e.line for e in res.errors] == [3]

    jl = tmp_path / "c.jsonl"
    jl.write_text('{"name": "丑"}\n{"name": "寅", "beds_total": -3}\nnot json\n', encoding="utf-8")
    res = import_file(jl)
    assert [p.name for p in res.records] == ["丑"] and [e.line for e in res.errors] == [2, 3]

    bad = tmp_path / "d.json"
    bad.write_text('[{"name": "x",}]')
    res = import_file(bad)
    assert not res.records and res.errors and "JSON" in res.errors[0].reason_zh


def test_duplicate_ids_reported(tmp_path):
    f = tmp_path / "dup.csv"
    f.write_text("id,name\nA1,甲\nA1,乙\n", encoding="utf-8")
    res = import_file(f)
    assert [p.name for p in res.records] == ["甲"] and res.errors[0].line == 3 and "重复" in res.errors[0].reason_zh


# ------------------------------------------------------------------------------------------ search


def _p(i, name, district, lat, lon, **kw):
    g = resolve_place(district)
    return Provider(id=str(i), name=name, province=g.province, city=g.city, district=g.district, lat=lat, lon=lon, **kw)


@pytest.fixture(scope="module")
def small():
    qc = resolve_place("清城区")
    recs = [
        _p(1, "近A", "清城区", qc.lat + 0.01, qc.lon, kind="养老机构", accepts_disabled=True, services=["助餐"]),
        _p(2, "中B", "清城区", qc.lat + 0.05, qc.lon, kind="养老机构", accepts_disabled=False, services=["助浴"]),
        _p(3, "远C", "清新区", 23.734, 112.985, kind="日间照料中心", accepts_disabled=True, services=["助餐", "日间照料"]),
        _p(4, "很远D", "英德市", 24.186, 113.405, kind="养老机构", accepts_disabled=True, accepts_dementia=True),
        _p(5, "兰州E", "兰州城关区", 36.06, 103.84, kind="助餐点", services=["助餐"]),
        _p(6, "无坐标F", "清城区", None, None, kind="养老机构", accepts_disabled=True),
        _p(7, "兜底G", "清城区", qc.lat + 0.0101, qc.lon, kind="养老机构", accepts_disabled=True, institution_class="兜底保障型"),
    ]
    return Directory(records=recs)


def test_haversine():
    assert haversine_km(23.0, 113.0, 23.0, 113.0) == 0
    assert 110 < haversine_km(23.0, 113.0, 24.0, 113.0) < 112
    # 广州 → 北京 is roughly 1,890 km
    assert 1850 < haversine_km(23.13, 113.26, 39.90, 116.40) < 1930


def test_search_distance_order_and_radius(small):
    ms = small.search(near="清城区", limit=10)
    d = [m.distance_km for m in ms]
    assert d == sorted(d) and all(x is not None for x in d)
    assert [m.provider.name for m in ms][:2] in (["近A", "兜底G"], ["兜底G", "近A"])
    assert "无坐标F" not in [m.provider.name for m in ms]
    names = [m.provider.name for m in small.search(near="清城区", radius_km=15)]
    assert set(names) == {"近A", "兜底G", "中B", "远C"}
    assert all(m.distance_km <= 15 for m in small.search(near=(23.7, 113.06), radius_km=15))
    assert len(small.search(near="清城区", limit=2)) == 2


def test_search_fit_breaks_distance_ties(small):
    prof = Profile(region="广东省清远市", disability="重度失能", flags={"tekun": True})
    ms = small.search(near="清城区", limit=2, profile=prof)
    assert ms[0].provider.name == "兜底G"  # same 0.1 km bucket as 近A, better fit
    assert any("兜底保障型" in r for r in ms[0].reasons)


def test_search_filters(small):
    assert {m.provider.name for m in small.search(region="清远", kinds=["养老机构"], accepts_disabled=True)} == {
        "近A",
        "很远D",
        "无坐标F",
        "兜底G",
    }
    assert {m.provider.name for m in small.search(services=["助餐"])} == {"近A", "远C", "兰州E"}
    assert {m.provider.name for m in small.search(services=["助餐", "日间照料"])} == {"远C"}
    assert {m.provider.name for m in small.search(accepts_dementia=True)} == {"很远D"}
    assert {m.provider.name for m in small.search(kinds=["日间照料中心"])} == {"远C"}
    assert {m.provider.name for m in small.search(kinds=["长者饭堂"])} == {"兰州E"}  # synonym of 助餐点


@pytest.mark.parametrize("name", ["清城区", "清城", "广东省清远市清城区", "清远市清城区", "清远清城区"])
def test_search_region_aliases(small, name):
    assert {m.provider.name for m in small.search(region=name)} == {"近A", "中B", "无坐标F", "兜底G"}


def test_search_region_city_and_province(small):
    assert {m.provider.name for m in small.search(region="广东省清远市", limit=50)} == {
        "近A",
        "中B",
        "远C",
        "很远D",
        "无坐标F",
        "兜底G",
    }
    assert {m.provider.name for m in small.search(region="甘肃", limit=50)} == {"兰州E"}
    assert {m.provider.name for m in small.search(region="兰州")} == {"兰州E"}
    with pytest.raises(UnknownPlace):
        small.search(region="火星")
    with pytest.raises(UnknownPlace):
        small.search(near="火星")


def test_gazetteer_and_place_finding():
    g = load_gazetteer()
    assert len([p for p in g if p.city == "清远市" and p.district]) == 8
    assert [p.name for p in find_places("我在清远清城区,老人失能")] == ["广东省清远市清城区"]
    assert [p.name for p in find_places("住在连南")] == ["广东省清远市连南瑶族自治县"]
    assert [p.name for p in find_places("兰州有什么养老院")] == ["甘肃省兰州市"]
    assert find_places("安宁疗护哪里有") == []  # 安宁区 has no bare alias


# ------------------------------------------------------------------------------ directory & chat


@pytest.fixture(scope="module")
def demo_dir():
    return Directory()


def test_demo_directory_loads_cleanly(demo_dir):
    assert len(demo_dir) > 100 and not demo_dir.errors
    ps = demo_dir.all()
    assert all(p.demo and p.name.startswith("示例·") for p in ps)
    for city in ("清远市", "乌鲁木齐市", "兰州市", "沈阳市"):
        assert any(p.city == city for p in ps)
    qy = {p.district for p in ps if p.city == "清远市"}
    assert qy == {"清城区", "清新区", "英德市", "连州市", "佛冈县", "阳山县", "连山壮族瑶族自治县", "连南瑶族自治县"}


def test_real_file_replaces_demo_of_its_city(tmp_path):
    (tmp_path / "demo.csv").write_text((PROVIDERS_DIR / "demo.csv").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "lanzhou_real.csv").write_text("机构名称,区县,纬度,经度\n真实甲,城关区,36.06,103.84\n", encoding="utf-8")
    replaced = Directory(tmp_path)
    lz = [p for p in replaced.all() if p.city == "兰州市"]
    assert [p.name for p in lz] == ["真实甲"]
    assert any(p.city == "清远市" and p.demo for p in replaced.all())
    beside = Directory(tmp_path, demo="beside")
    assert len([p for p in beside.all() if p.city == "兰州市"]) > 1
    assert {p.name for p in Directory(tmp_path, demo="exclude").all()} == {"真实甲"}


@pytest.mark.parametrize(
    "q",
    [
        "附近有什么养老院/日间照料中心?",
        "我在清远清城区,老人失能,附近哪里能住?",
        "哪里有助餐点",
        "清远有哪些养老院?",
        "离我家最近的敬老院电话是多少",
        "街道那边的老年食堂在哪个位置 中午几点开饭",
    ],
)
def test_is_provider_question_yes(q):
    assert is_provider_question(q)


@pytest.mark.parametrize(
    "q",
    [
        "清远市高龄津贴标准是多少?",
        "特困老人入住养老院有什么补贴?",
        "在哪里申请特困供养?",
        "养老院收费标准有什么规定?",
        "失能老人护理补贴怎么申请",
        "兜底保障型养老机构是什么意思",
        "那个老年助餐卡在哪里办 要带什么东西去",  # where to apply, not where a canteen is
        "区民政局管老年助餐的电话是多少",  # a government office, not a provider
        "老年助餐的事 打哪个电话问 办公的地方在哪",  # whom to ask about a program
        "茶山街道长者饭堂哪天起正式运营？中心店服务台电话是多少？",  # when a notice's canteen opens
    ],
)
def test_is_provider_question_no(q):
    assert not is_provider_question(q)


def test_no_provider_found_is_a_refusal(demo_dir):
    ans = answer_providers("我在湖南岳阳市岳阳楼区,附近哪里有养老院?", Profile(), demo_dir)
    assert ans.kind == "providers" and "岳阳" in ans.region
    assert ans.refused and not ans.citations  # the directory cannot answer: declined, with what it does hold


def test_chat_qingcheng_disabled(demo_dir):
    q = "我在清远清城区,老人失能,附近哪里能住?"
    ans = answer_providers(q, Profile(), demo_dir)
    assert ans.kind == "providers" and ans.refused  # only demo records: an illustration, not an answer
    assert ans.region == "广东省清远市清城区"
    listed = [p for p in demo_dir.all() if p.name in ans.text]
    assert listed
    qc = resolve_place("清城区")
    for p in listed:
        assert p.accepts_disabled is True
        assert p.kind in ("养老机构", "医养结合机构", "区域养老服务中心")
        assert p.district == "清城区" or haversine_km(qc.lat, qc.lon, p.lat, p.lon) <= 25
        assert f"{p.name}【{DEMO_LABEL}】" in ans.text
    assert "公里" in ans.text and "收住失能老人" in ans.text
    c = ans.citations[0]
    assert (c.doc, c.region, c.article, c.date) == ("000_1d2e2f58848231f4.txt", "全国", "第(六)条", "2024-12-30")
    assert "兜底保障型养老机构主要收住特困老年人和经济困难失能老年人等" in c.text


def test_chat_tekun_gets_safety_net_reason(demo_dir):
    prof = Profile(region="广东省清远市", disability="重度失能", flags={"tekun": True})
    ans = answer_providers("英德附近哪里有养老院?", prof, demo_dir)
    assert ans.refused and "兜底保障型机构,主要收住特困老年人" in ans.text
    assert all(p.district == "英德市" or p.city == "清远市" for p in demo_dir.all() if p.name in ans.text)


def test_chat_uses_profile_region_and_asks_when_unknown(demo_dir):
    ans = answer_providers("哪里有助餐点", Profile(region="甘肃省兰州市"), demo_dir)
    assert ans.refused and "兰州" in ans.text and DEMO_LABEL in ans.text
    listed = [p for p in demo_dir.all() if p.name in ans.text]
    assert listed and all("助餐" in p.services and p.city == "兰州市" for p in listed)
    ask = answer_providers("附近有什么养老院?", Profile(), demo_dir)
    assert ask.refused and ask.kind == "providers" and "哪个市" in ask.text
    none = answer_providers("北京附近有什么养老院?", Profile(), demo_dir)
    assert none.refused and "暂未找到" in none.text  # nothing in the directory: declined, saying what it holds


def test_class_citation_is_verbatim():
    raw = (REPO / "corpus" / "policies" / "000_1d2e2f58848231f4.txt").read_text(encoding="utf-8")
    assert CLASS_SENTENCE in raw
    c = class_citation()
    assert c.title == "中共中央国务院关于深化养老服务改革发展的意见" and c.context.startswith("(六)")


# ------------------------------------------------------------------------------------------ generator


def test_generator_is_deterministic(tmp_path):
    gen = _gen_module()
    a = gen.to_csv(gen.generate(7))
    assert a == gen.to_csv(gen.generate(7))
    assert a != gen.to_csv(gen.generate(8))
    out = tmp_path / "demo.csv"
    gen.main(["--seed", "7", "--out", str(out)])
    assert out.read_text(encoding="utf-8") == a
    res = import_file(out)
    assert not res.errors and all(p.demo for p in res.records)


def test_committed_demo_csv_matches_generator():
    gen = _gen_module()
    assert (PROVIDERS_DIR / "demo.csv").read_text(encoding="utf-8") == gen.to_csv(gen.generate(gen.DEFAULT_SEED))


def test_fit_ranking_without_a_point_is_consistent(small):
    prof = Profile(region="广东省", disability="中度失能", flags={"tekun": True})
    full = [m.provider.name for m in small.search(region="广东", profile=prof, limit=50)]
    assert full[0] == "兜底G"  # accepts 失能 and 兜底保障型: the only one meeting every profile term
    for k in (1, 2, 3):  # the top-tier shortcut and the full sort agree
        assert [m.provider.name for m in small.search(region="广东", profile=prof, limit=k)] == full[:k]
    assert all(m.distance_km is None for m in small.search(region="广东", profile=prof))


def test_real_records_answer_demo_only_declines(tmp_path):
    """A real (non-demo) provider makes the answer a real one; demo records alone are only an illustration."""
    from advisor.profile import Profile

    d = Directory(tmp_path / "none", records=[Provider(
        id="r1", name="清城区某某敬老院", kind="养老机构", province="广东省", city="清远市", district="清城区",
        lat=23.68, lon=113.05, accepts_disabled=True, demo=False)])
    ans = answer_providers("我在清远清城区,附近哪里能住?", Profile(), d)
    assert not ans.refused and "清城区某某敬老院" in ans.text and DEMO_LABEL not in ans.text.split("注意")[0]
