"""What the advisor says in its own words (not quoted from a document), in one place. Texts that take
values are format strings; their fields are named."""

from __future__ import annotations

EMPTY_MESSAGE = "请输入您想咨询的问题,例如:“我妈82岁,在清远,失能了,能享受什么服务?”"

# emergencies come before any policy: the number to call first, then what the documents say, if anything
EMERGENCY = {
    "120": "⚠️ 这可能是紧急情况:请立即拨打120急救电话,或尽快送医院就医。",
    "110": "⚠️ 如果老人正处在危险中,请立即拨打110报警;有人受伤请同时拨打120。",
    "mind": ("⚠️ 如果老人说想不开、不想活了,请不要让他(她)独处,立即拨打120或110;"
             "也可以拨打心理援助热线12356。"),
}
EMERGENCY_THEN_POLICY = "以下是养老政策方面可供参考的内容:"
MEDICATION_DECLINED = ("用药的品种和剂量必须由医生根据病情决定,我不能提供用药建议。"
                       "请咨询医生或药师;如果症状严重,请立即拨打120。\n"
                       "我能回答的是收录的养老政策文件里的问题,例如补贴、护理服务和怎么申请。")

SMALL_TALK = {
    "greeting": "您好!我是养老顾问,可以根据收录的养老政策文件回答问题。",
    "thanks": "不客气!还有其他问题,随时问我。",
    "identity": "我是养老顾问:一个根据收录的养老政策文件回答问题的助手,每个回答都注明出处。",
    "bye": "再见!祝老人家身体健康。",
}
WHAT_I_CAN_DO = ("您可以问我:补贴怎么申请、谁能享受、能享受哪些服务、附近有哪些养老机构等,"
                 "例如:“我妈82岁,在清远,失能了,能享受什么服务?”")

LONG_MESSAGE_QUESTION = "(您的消息较长,我回答的是其中的问题:“{question}”)"
LONG_MESSAGE_CUT = ("(您的消息有{length}字,超过了{limit}字的上限:我读取了前{limit}字来了解老人的情况,"
                    "回答的是最后的问题:“{question}”)")

READ_AS = "(按{words}理解)"  # sound-alike typos read as the documents' words
# a follow-up answered by the very clause just quoted: the part of it that answers the new question
SAME_CLAUSE = "结论:上一条回答引用的{where}已经写明:{span}[1]"
# a follow-up about something the documents do not state either, after a refusal
ALSO_NOT_STATED = "关于“{question}”,收录的政策文件同样没有写明。"
# a table row read with its header: "80周岁以上:轻度失能 每人每月150元;中度失能 每人每月300元"
TABLE_ROW = "{first}:{cells}"
TABLE_CELL = "{head} {cell}"
TABLE_CELL_SEP = ";"
# a fact about a document (its 文号, when it takes effect) and where the document says it
META_SOURCE = "· {label}:{where}写明“{span}”[{n}]"
META_WHOLE = "原文"  # …where the sentence has no article of its own
NOTHING_NEW = ("关于“{question}”,收录的文件没有比上一条回答更具体的规定。\n"
               "文件中相关的规定仍是:{span}(见{where})\n"
               "建议向当地民政部门或乡镇(街道)、村(社区)咨询。")  # a follow-up the documents say nothing new about
CHECKLIST_LEVELS = ("说明:逐条对照的规则里还没有{region}的地方规定,以下只按{levels}的文件对照;"
                    "当地的具体规定请向当地民政部门咨询。")  # an eligibility checklist for a place without its own rules
# checklists: a 户籍 still to confirm where the family named the place; the level of a national rule; a long
# list cut short; the amounts line when some document states an amount
CONFIRM_RESIDENCE = "需确认:{facts}(您说老人在{place})"
NATIONAL_RULE_LEVEL = "国家"
AND_MORE = "等{n}项"
AMOUNTS_STATED = "金额和具体标准:写明了标准的,按上面所列;没有写明的,由当地确定。"
# the chat's checklist shows a few items; the full one is the web page's 我能享受什么 tab (printable)
MORE_ITEMS = "(另有{n}项可能符合:网页“我能享受什么”一栏可逐条查看并打印完整清单)"
# the asker's place has no document of its own; the answer comes from the places above it
LOCAL_MISSING = "说明:资料库中没有{place}的专门文件,以下是{levels}适用的规定。"
# the checklist has no rule of the elder's place, but the place's own documents answer the question
LOCAL_CLAUSE = "{region}的文件中与您的问题最相关的规定:根据《{title}》{article},{text}[1]"
AMOUNT_BY_RULE = "说明:文件没有写明具体的钱数,规定的是下面的标准。"  # "多少钱?" answered by 全额 / 不超过…标准
# what the documents do not state, by the kind of answer asked for ("收录的政策文件没有写明{…}。")
NOT_STATED = {"contact": "联系电话或地址", "materials": "需要准备的材料", "number": "具体数字或日期",
              "procedure": "具体的申请办法或受理部门"}
# "X多少钱?" where the clause found gives an amount of another benefit
NOT_STATED_BENEFIT = "收录的政策文件没有写明{benefit}的具体金额或发放标准。"
NOT_STATED_FEE = "收录的政策文件没有写明具体的收费金额;收费一般由机构按当地规定定价,可向机构或当地民政部门询问。"
OTHER_FEE = "最接近的{source}写明的是补贴等其他金额,不是收费标准。"  # no amount is quoted next to the refusal
OTHER_MATTER = "最接近的{source}说的是其他事项,不是您问的这一项。"  # its clause holds what was asked, of another matter
OTHER_BENEFIT = "最接近的{source}写明的是其他待遇的标准,其中没有{benefit}。"  # no amount is quoted next to the refusal
NATIONAL_LEVEL = "国家层面"
READ_AS_WORD = "“{typed}”为“{meant}”"  # one word of READ_AS; several are joined by 、

# ---------------------------------------------------------------- the web page (advisor.webview, advisor.app)
PAGE_NOTICE = ("本助手的回答均摘自下方列出的政策文件原文,不是正式答复;老人能否享受某项服务或补贴,"
               "最终以当地民政部门的认定为准。")
HELLO = "您好!请直接用大白话提问,例如老人在哪里、多大年纪、身体情况。"
YOU_ASKED = "您问"
PENDING = "正在查找政策原文……"
# an answer is cut by the heads the advisor writes: the lead (结论) shows, these fold under their titles
ANSWER_FOLDS = {"依据": "依据(政策原文)", "下一步": "下一步怎么办"}
FOLD_MORE = "更多内容"
WARNING_HEADS = ("注意:", "⚠️")
ASK_HEADS = ("请告诉我",)  # what the advisor asks back: shown, never folded
TIP_HEADS = ("提示:", "以上只是按文件条文")
SOURCES_FOLD = "引用来源({n}条)"
SOURCES = "引用来源:"
ASKED = "问:"
ANSWERED = "答:"
COPY = "复制"
SHARE = "分享"
COPIED = "已复制"
COPIED_FOR_CHAT = "已复制,可粘贴到微信"
USEFUL = "有用"
NOT_USEFUL = "没用"
THANKS_FEEDBACK = "谢谢您的反馈。"
# what makes a citation checkable (advisor.webview.citation_facts)
CITE_NUMBER = "文号:"
CITE_ISSUER = "发文机关:"
CITE_REGION = "地区:"
CITE_DATE = "日期:"
CITE_FILE = "文件:"
DATE_UNKNOWN = "未标明"
# the exported record of a conversation
RECORD_TITLE = "养老政策咨询记录"
RECORD_DATE = "日期:"
RECORD_PROFILE = "老人信息:"
RECORD_TURNS = "共{n}个问题"
RECORD_QUESTION = "问题{n}"
RECORD_ANSWER = "答复"
RECORD_NOTICE = ("以上答复均摘自所列政策文件原文,不是正式答复;老人能否享受某项服务或补贴,"
                 "最终以当地民政部门的认定为准。")
UNLESS_SAID = "(各项相同,下面写了的除外)"
EXPORT_FIRST = "请先提问,再导出。"
# the staff panel of retrieved passages
HITS_EMPTY = "(提问后这里列出检索到的全部条款及排名)"
HITS_NONE = "(没有检索到条款)"
HITS_HEAD = "检索问句:{query} | 适用地区:{region} | 类型:{kind} | 用时 {ms} ms | ★ = 回答引用 | 条形长短 = 综合得分"
HITS_RANK = "排名"
HITS_SCORE = "得分"
HITS_REGION = "地区"
HITS_WHERE = "文件 / 条款"
HITS_TEXT = "内容"
UNLIMITED = "未限定"
TURN_CHOICE = "第{n}问:{q}"
RESTORED_NO_HITS = "(这一问是从浏览器记录恢复的,没有保存检索明细;重新提问可以看到。)"
# the family checklist (我能享受什么)
CHECK_TITLE = "养老服务对照清单"
CHECK_RESULT = "结果:可能符合 {possible} 项;面向所有老年人 {general} 项;需补充信息 {need} 项;不符合 {unmet} 项"
CHECK_NO_REGION = "没有填写地区:只对照了国家层面的文件。填写地区后,可以对照当地的规定。"
CHECK_POSSIBLE = "可能符合({n}项)"
CHECK_GENERAL = "面向所有老年人({n}项)"
CHECK_NEED = "还需要补充信息才能判断({n}项)"
CHECK_UNMET = "按目前信息不符合({n}项)"
CHECK_ASK = "请补充:"
CHECK_AMOUNT_ONCE = "以上没有写明金额或标准的项目,文件未规定具体金额,由当地确定。"
NEEDS = "需要:"
OR = "或"
ONE_OF = "符合下列情形之一:"
STANDARD = "标准:"
NEXT = "下一步:"
BASIS = "依据:"
CONFIRM_FIRST = "需先确认:"
CHECK_DOWNLOAD = "下载可打印的清单"
BIGTEXT = "大字"
STORE_DOWN = "注意:向量检索暂时不可用,本次回答只按关键词查找,可能不如平时完整。"
