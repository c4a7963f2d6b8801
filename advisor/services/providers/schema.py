"""The provider schema: the fields of a record (`Provider`, documented in corpus/providers/README.md), the
values its enumerated fields take (kinds, institution classes, ownership, services) with the spellings 民政
spreadsheets use for them, the column headers that name each field (`map_header`), and what an import
reports (`RowError`, `ImportResult`, `RowInvalid`)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from advisor.services.providers import vocab
from advisor.settings import REPO_ROOT

PROVIDERS_DIR = REPO_ROOT / "corpus" / "providers"
GAZETTEER_FILE = "gazetteer.csv"
DEMO_LABEL = "示例数据,非真实机构"

KINDS = (
    "养老机构",
    "区域养老服务中心",
    "日间照料中心",
    "社区养老服务站",
    "助餐点",
    "居家上门服务机构",
    "医养结合机构",
)
RESIDENTIAL_KINDS = ("养老机构", "医养结合机构", "区域养老服务中心")
INSTITUTION_CLASSES = ("兜底保障型", "普惠支持型", "完全市场型")
OWNERSHIPS = tuple(vocab.OWNERSHIP)  # 公办 / 公建民营 / 民办
SERVICES = (
    "助餐",
    "助浴",
    "助洁",
    "助行",
    "助医",
    "日间照料",
    "短期托养",
    "长期托养",
    "上门服务",
    "康复护理",
    "认知障碍照护",
    "医养结合",
    "安宁疗护",
    "家庭养老床位",
    "精神慰藉",
    "老年教育",
)

# Common spellings in 民政 spreadsheets → the schema's canonical values (a naming convention, not a repair).
_KIND_SYNONYMS = {
    "养老院": "养老机构",
    "敬老院": "养老机构",
    "福利院": "养老机构",
    "社会福利院": "养老机构",
    "老年公寓": "养老机构",
    "特困人员供养服务机构": "养老机构",
    "护理院": "医养结合机构",
    "医养结合": "医养结合机构",
    "养老服务中心": "区域养老服务中心",
    "镇街养老服务中心": "区域养老服务中心",
    "乡镇(街道)区域养老服务中心": "区域养老服务中心",
    "日间照料": "日间照料中心",
    "日间照料站": "日间照料中心",
    "老年人日间照料中心": "日间照料中心",
    "社区日间照料中心": "日间照料中心",
    "养老服务站": "社区养老服务站",
    "社区养老服务驿站": "社区养老服务站",
    "养老驿站": "社区养老服务站",
    "长者饭堂": "助餐点",
    "老年食堂": "助餐点",
    "老年助餐点": "助餐点",
    "助餐服务点": "助餐点",
    "居家养老服务机构": "居家上门服务机构",
    "居家养老服务组织": "居家上门服务机构",
    "上门服务机构": "居家上门服务机构",
}
_CLASS_SYNONYMS = {"兜底保障": "兜底保障型", "兜底型": "兜底保障型", "普惠型": "普惠支持型", "普惠支持": "普惠支持型"}
_CLASS_SYNONYMS |= {"完全市场": "完全市场型", "市场型": "完全市场型"}
_SERVICE_SYNONYMS = {
    "送餐": "助餐",
    "老年餐桌": "助餐",
    "长者饭堂": "助餐",
    "日托": "日间照料",
    "上门": "上门服务",
    "居家上门": "上门服务",
    "失智照护": "认知障碍照护",
    "认知症照护": "认知障碍照护",
    "医疗护理": "医养结合",
    "临终关怀": "安宁疗护",
    "康复": "康复护理",
}

def _norm_header(h: Any) -> str:
    """A header as synonyms are looked up: full-width brackets and letters folded (NFKC), lower case, no blanks."""
    s = unicodedata.normalize("NFKC", str(h or "")).strip().lower().replace("\ufeff", "")
    return re.sub(r"\s+", "", s)


# Column headers seen in 民政 spreadsheets → schema field (keys are compared after _norm_header()).
HEADER_MAP: dict[str, str] = {}
for _field, _names in {
    "id": ("id", "编号", "机构编号", "统一社会信用代码", "机构代码", "序号id"),
    "name": ("name", "机构名称", "名称", "单位名称", "养老机构名称", "服务机构名称", "设施名称", "机构名"),
    "kind": ("kind", "机构类型", "类型", "设施类型", "机构类别", "类别", "服务设施类型"),
    "institution_class": ("institution_class", "机构分类", "功能分类", "分类", "养老机构分类", "机构功能定位"),
    "ownership": ("ownership", "性质", "机构性质", "运营性质", "举办性质", "经营性质", "运营方式", "所有制"),
    "province": ("province", "省", "省份", "所在省", "省(区、市)", "省(自治区、直辖市)"),
    "city": ("city", "市", "城市", "所在市", "地市", "市(州)", "所属地市"),
    "district": ("district", "区县", "县区", "所在区县", "区/县", "县(市、区)", "所属区县", "区(县)"),
    "street": ("street", "街道", "乡镇", "乡镇(街道)", "街道(乡镇)", "所属街道", "镇街"),
    "address": ("address", "地址", "机构地址", "详细地址", "住所", "服务地址"),
    "phone": ("phone", "联系电话", "电话", "咨询电话", "联系方式", "服务电话"),
    "lat": ("lat", "latitude", "纬度", "百度纬度", "高德纬度", "lat_bd09", "bd_lat", "gcj_lat", "wgs_lat"),
    "lon": ("lon", "lng", "longitude", "经度", "百度经度", "高德经度", "lng_bd09", "bd_lng", "bd_lon", "gcj_lng", "wgs_lng"),
    "beds_total": ("beds_total", "床位数", "床位", "总床位数", "床位总数", "核定床位", "核定床位数", "床位数(张)"),
    "beds_nursing": ("beds_nursing", "护理型床位", "护理型床位数", "护理床位", "护理型床位(张)", "护理型床位数(张)"),
    "services": ("services", "服务内容", "服务项目", "服务", "提供服务", "主要服务", "特色服务", "服务特色", "特色"),
    "accepts_disabled": ("accepts_disabled", "收住失能老人", "接收失能老人", "是否接收失能老人", "是否收住失能老人"),
    "accepts_dementia": ("accepts_dementia", "收住失智老人", "接收失智老人", "是否接收失智老人", "是否收住失智老人"),
    "star_rating": ("star_rating", "星级", "星级评定", "等级评定", "等级"),
    "price_range": ("price_range", "收费标准", "价格", "收费", "价格区间", "收费区间"),
    "last_verified": ("last_verified", "核验日期", "更新日期", "最后核验日期", "核实日期"),
    "source": ("source", "来源", "数据来源"),
    "demo": ("demo", "示例", "示例数据"),
}.items():
    for _n in _names:
        HEADER_MAP[_norm_header(_n)] = _field


def map_header(h: Any) -> str | None:
    """The schema field a column header names, or None (e.g. 机构名称 → name, 经度 → lon, 所属县（市、区） →
    district): as written, without a bracketed note, without a leading 所属/所在; any other "…名称" naming no
    place, operator or person (站点名称) is the provider's name."""
    s = _norm_header(h)
    for form in (s, re.sub(r"\(.*?\)", "", s)):
        for cand in (form, re.sub(r"^(?:所属|所在)", "", form)):
            if cand in HEADER_MAP:
                return HEADER_MAP[cand]
            if cand.endswith(("名称", "全称")) and not _NOT_PROVIDER_NAME.match(cand):
                return "name"  # 站点名称, 养老院名称, 服务中心全称: the provider's name, whatever it is called
    return None


# a "…名称" column that names something other than the provider: its place, its operator, a person
_NOT_PROVIDER_NAME = re.compile(r"(?:街道|社区|乡镇|镇|村|区县|县|市|省|地区|运营|主管|举办|法人|负责人|联系人|服务项目|项目)")


# --------------------------------------------------------------------------------------------- records


@dataclass
class Provider:
    """One service provider, in the schema documented in corpus/providers/README.md."""

    id: str
    name: str
    kind: str = ""
    institution_class: str = ""
    ownership: str = ""
    province: str = ""
    city: str = ""
    district: str = ""
    street: str = ""
    address: str = ""
    phone: str = ""
    lat: float | None = None
    lon: float | None = None
    beds_total: int | None = None
    beds_nursing: int | None = None
    services: list[str] = field(default_factory=list)
    accepts_disabled: bool | None = None
    accepts_dementia: bool | None = None
    star_rating: int | None = None
    price_range: str = ""
    last_verified: str = ""  # ISO date or ""
    source: str = ""
    demo: bool = False
    # derived at import (not columns of a file): 性质 as written when it is not one of OWNERSHIPS, the
    # position is the district's centroid (no coordinates given), why the row is not an elder-care provider,
    # the price as a range in yuan a month, other files listing the same provider
    ownership_raw: str = ""
    approx: bool = False
    not_provider: str = ""
    price_low: int | None = None
    price_high: int | None = None
    also_in: list[str] = field(default_factory=list)
    district_by_point: bool = False  # the row named no county: the one whose boundary holds its point
    placed_by: str = ""  # how a row naming no county was placed otherwise: "township", "landline" (import report)
    file: str = ""  # file it was read from
    line: int = 0  # line (CSV/JSON) or row (XLSX) it was read from

    @property
    def region(self) -> str:
        """Canonical region name, e.g. 广东省清远市清城区."""
        return f"{self.province}{self.city}{self.district}"

    def as_dict(self) -> dict[str, Any]:
        """Plain dict (JSON, web table)."""
        return asdict(self)


DERIVED_FIELDS = ("ownership_raw", "approx", "not_provider", "price_low", "price_high", "also_in", "district_by_point",
                  "placed_by", "file", "line")
SCHEMA_FIELDS = tuple(f.name for f in fields(Provider) if f.name not in DERIVED_FIELDS)


@dataclass
class RowError:
    """A row that was skipped, with where and why (in Chinese and English)."""

    file: str
    line: int
    reason_zh: str
    reason_en: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason_zh} / {self.reason_en}"


@dataclass
class ImportResult:
    """What import_file() read: good records, skipped rows, and columns it did not recognise."""

    records: list[Provider]
    errors: list[RowError]
    unmapped_columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was assumed or set aside, in Chinese (the import report)

    @property
    def placed(self) -> int:
        """Records placed in a district (by their columns, address or name)."""
        return sum(1 for r in self.records if r.district)


class RowInvalid(ValueError):
    """A field value that cannot be read; the row is skipped."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en
