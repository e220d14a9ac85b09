"""What a block's own text says about its role, wherever it stands on the page.

Read by `zhen.page.roles`. Each cue is a shape people recognise at a glance: a breadcrumb chain
starting with a home word, a language switch, a copyright or ICP line, a byline label, a row of
page tools (字号 打印 分享), a browser notice, a date-and-source line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from zhen.types import Role

SHORT = 120  # characters: datelines, bylines, headings, notices and footer lines are shorter

_HOME_WORDS = (r"首页|首頁|主页|网站首页|home|当前位置|當前位置|您的位置|你的位置|您现在的位置"
               r"|现在位置"
               r"|position|location|you are here")
# "首页 > 东区新闻 >> 正文", "人民网>>文化", "Home » World", "position: EnglishChannel > Diary".
BREADCRUMB = re.compile(
    rf"^\W*(?:{_HOME_WORDS})\s*[:：]?.*?(?:>|»|›|＞|→|/)|(?:\s(?:>|»|›|＞)\s.*){{2,}}"
    rf"|^\W*(?:当前位置|當前位置|您的位置|你的位置|您现在的位置|现在位置|position|location)\s*[:：]",
    re.I,
)
_SITE_CRUMB = re.compile(r"^\S{1,12}\s*(?:>>|»|＞＞|>)\s*\S{1,12}(?:\s*(?:>>|»|>)\s*\S{1,20})*$")
# Language and script switches: "EN", "English", "中文", "简体版", "繁體", "切換到繁體", "简 | 繁".
_LANGUAGE = (r"en|eng|english|中文|中文版|简体|簡體|简体版|繁体|繁體|繁体版|繁體版|简|繁|簡"
             r"|切換到繁體|切换到繁体"
             r"|切換到簡體|español|deutsch|français|日本語|русский|العربية|한국어|português")
LANGUAGE_SWITCH = re.compile(rf"^\s*(?:(?:{_LANGUAGE})\s*[|/·]?\s*)+$", re.I)
FOOTER = re.compile(
    r"版权所有|版權所有|版权声明|版權聲明|copyright|©|all rights reserved|icp备|icp證|icp证|icp备案"
    r"|公网安备|公網安備|京icp|网站标识码|網站標識碼|主办单位|主辦單位|承办单位|承辦單位"
    r"|主办：|主辦：|技术支持|技術支持|关于我们|關於我們|联系我们|聯繫我們|about us|contact us"
    r"|advertise|privacy|隐私政策|隱私政策|法律声明|法律聲明|免责声明|免責聲明|使用条款"
    r"|terms of (?:use|service)|未经授权|未經授權|未经许可|未經許可|不得转载|不得轉載|禁止转载"
    r"|禁止轉載|不代表.{0,12}(?:观点|觀點)|举报电话|舉報電話|违法和不良信息|廣告服務|广告服务"
    r"|友情链接|友情鏈接|^\W*partners?:"
    r"|招聘信息|商务合作|商務合作|^\W*\S{0,6}简介\W*$|^\W*\S{0,6}簡介\W*$"
    r"|互联网新闻信息服务许可证|信息网络传播视听节目许可证",
    re.I,
)
NOTICE = re.compile(r"浏览器|瀏覽器|兼容模式|相容模式|极速模式|極速模式|browser|javascript"
                    r"|cookies?\b",
                    re.I)
DATELINE = re.compile(
    r"^\S{0,12}\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|電|报道|報道|讯|訊)\W*$"
    r"|^\W*(?:source|来源|來源|来源于|稿件来源|文章来源|信息来源|資料來源|published|updated|posted"
    r"|发布时间|發佈時間|發布時間|发布日期|發布日期|发表时间|时间|日期|更新时间)"
    r"\s*(?:[:：]|(?=\d))",
    re.I,
)
DATE = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{4}/\d{2}/\d{2}|\d{1,2}:\d{2}"
)
# A date opening the line: "2017-11-12 中国日报双语新闻", "・2016/04/01 ・1706字 ・閱讀時間…".
LEADING_DATE = re.compile(r"^[\s・·•\[【(（]*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\b")
_RELATIVE_TIME = re.compile(r"^\W*\d+\.?\s*-?\d+\s*(?:h|min|d|小时前|分钟前|天前)\W*$", re.I)
BYLINE = re.compile(
    r"^\W*(?:(?:editors?|authors?|reporters?|writers?|correspondents?|translators?|photographers?"
    r"|责任编辑|責任編輯|责编|責編|编辑|編輯|记者|記者|作者|撰稿|撰文|执笔|執筆|翻译|翻譯|编译|編譯"
    r"|摄影|攝影|通讯员|通訊員|评论员|評論員|出品|监制|監製|策划|策劃)\s*[:：/︱|]|by\s+[A-Z]"
    r"|\(?text and photos? by"
    r"|copyedited by|comments to\s)",
    re.I,
)
# "半月谈记者 史卫燕", "新華社記者", "中国载人航天工程新闻发言人 武平", "图片均来自网络".
BYLINE_LINE = re.compile(
    r"^\W*\S{0,10}(?:记者|記者|通讯员|發言人|发言人)(?:\s+[\u4e00-\u9fff]{2,4})*\W*$"
    r"|^\W*图片(?:均)?来自网络\W*$|^\W*图片来源[:：]"
)
RELATED = re.compile(
    r"^\W*(?:top news|top stories|related(?: news| stories| articles| reading| links)?"
    r"|more(?: news| stories)?|latest(?: news)?|most (?:popular|read|viewed)"
    r"|recommended(?: reading)?|editor'?s picks?|you may (?:also )?like|trending"
    r"|相关新闻|相關新聞|相关阅读|相關閱讀|相关文章|相關文章|相关推荐|相關推薦|推荐阅读|推薦閱讀"
    r"|热点新闻|熱點新聞|热门推荐|熱門推薦|热新闻|熱新聞|热门新闻|熱門新聞|热门文章|热门图片"
    r"|热点视频"
    r"|更多新闻|精彩推荐|精彩推薦|猜你喜欢|猜你喜歡|排行榜?|阅读排行|点击排行|\S{0,6}新闻精选"
    r"|推薦評論|推荐评论|延伸阅读|延伸閱讀|往期回顾|往期回顧|头条新闻|頭條新聞|最多人阅读"
    r"|最多人閱讀|热话题|熱話題|热门话题|\S{0,6}以外链接|外部链接|external links)\s*[:：]?\s*$"
    r"|^\W*更多精彩内容请进入|^\W*更多精彩內容請進入"
    r"|^[^\s,，。]{0,6}(?:相关|相關)(?:新闻|新聞|内容|內容|链接|鏈接|阅读|閱讀|文章|报道|報道|推荐"
    r"|推薦|话题|話題|新闻话题|专题|專題|的链接|的鏈接|稿件)\W*$"
    r"|^\W*[^\s,，。]{0,6}(?:推荐|推薦|排行|精选|精選|热评|熱評)[^\s,，。]{0,4}\W*$",
    re.I,
)
# Page tools and widgets: a block made only of these words is no part of the story.
_TOOLS = (
    r"字号|字號|默认|默認|超大|大|中|小|打印|打印本页|打印本頁|关闭|關閉|关闭窗口|關閉窗口|分享"
    r"|分享到"
    r"|收藏|收藏文章|纠错|糾錯|扫一扫|掃一掃|微信|微博|qq空间|qzone|qq|点赞|點讚|评论|評論|回复"
    r"|回覆"
    r"|跟帖|我要跟帖|我要评论|发表|發表|下载app|下载|下載|客户端|客戶端|手机版|手機版|移动版|图集"
    r"|圖集|加载更多|更多评论|查看评论|发表评论|網友評論|网友评论|热门评论|热评论|最新评论|正在加载"
    r"|加载中|請稍候|请稍候"
    r"|loading|放大|正常|缩小|縮小|文字|字体|字體|进入论坛|進入論壇|share|print|email|e-mail"
    r"|facebook|twitter|linkedin|whatsapp"
    r"|copy to clipboard|copy link|font size|comments?|like|tweet|选择其他平台|x|×"
    r"|取消|确定|確定|投诉|投訴|不感兴趣|点击订阅|選擇其他平台|關注我們|关注我们"
)
# The site's own services: sign in, register, search, mail, accessibility — navigation.
_UTILITIES = (
    r"登录|登錄|注册|註冊|退出|搜索|邮箱|郵箱|个人中心|個人中心|无障碍|無障礙|无障碍浏览|無障礙瀏覽"
    r"|报料|報料"
    r"|订阅|訂閱|sign in|log in|login|register|search|subscribe|网站首页|網站首頁|网站地图|網站地圖"
)
UTILITIES = re.compile(rf"^(?:[\s|/·]*(?:{_UTILITIES})[\s|/·]*)+$", re.I)
BACK_TO_TOP = re.compile(r"^\W*(?:点击\s*)?(?:页首|頁首|返回顶部|返回頂部|回到顶部|回到頂部"
                         r"|返回首页|返回首頁"
                         r"|back to top|top of page)\W*$", re.I)
_TOOL_MARKS = r"[\s\[\]【】()（）|:：,，/·>»+\-…\.]*"
TOOLS = re.compile(rf"^(?:{_TOOL_MARKS}(?:{_TOOLS}){_TOOL_MARKS})+$", re.I)
COUNTER = re.compile(r"^\W*(?:\+?\d+|[\u4e00-\u9fff]{0,4}\s*[(（]\s*\d+\s*[)）]|已输入\d+字"
                     r"|\d+\s*(?:字|人|次)?)\W*$")
PROMOTION = re.compile(
    r"下载.{0,10}app|下載.{0,10}app|app下载|app下載|客户端下载|客戶端下載|客户端$|公众号|公眾號"
    r"|扫码|掃碼|二维码|二維碼"
    r"|关注.{0,8}微信|關注.{0,8}微信|手机.{0,4}网$|订阅|訂閱|预约|預約|优惠|優惠|折扣|扫一扫|掃一掃"
    r"|公号"
    r"|立即打开|立即打開|打开app|打開app",
    re.I,
)
PAGINATION = re.compile(
    r"^\W*(?:[【\[]\d+[】\]]\s*){2,}\W*$|^\W*(?:上一篇|下一篇|上一页|下一页|下一頁|上一頁|首页|尾页"
    r"|末页"
    r"|previous|next|prev)\W*$|^\W*\d{1,3}\s*版\s*[:：]",
    re.I,
)
TAGS = re.compile(r"^\W*(?:关键词|關鍵詞|标签|標籤|tags?|keywords?)\s*(?:[:：]|>>|»)", re.I)
IMAGE_NAMES = re.compile(r"^(?:[\s•·]*[\w.-]+\.(?:jpe?g|png|gif|webp|bmp))+\s*$|^\s*[\w-]*_o\s*$",
                         re.I)
# A news agency or paper named alone under a headline: "新华社", "新華社", "人民日报".
AGENCY = re.compile(r"^\W*(?:\S{1,8}(?:社|报|報|网|網|台)|xinhua|reuters|ap|afp|cgtn)\W*$", re.I)
SECTION_NUMBER = re.compile(r"^\s*\d{1,2}\s*$")  # "1", "2": a numbered part of an article
SITE_ROOT = re.compile(r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/?$", re.I)
VISIBLE = re.compile(r"[^\W_]", re.U)
SEPARATOR = re.compile(r"^[\s|/\\·•\-–—_~>»,，、]+$")
SENTENCE_END = re.compile(r"[.!?。！？]['\"’”」』）)]*\s*$")


def text_role(text: str) -> Role | None:
    """The role a block's text alone decides, or None."""
    if not VISIBLE.search(text):
        return Role.OTHER
    if len(text) > 2 * SHORT:  # a paragraph: only a run of footer lines says anything
        return Role.FOOTER if footer_line(text) else None
    return _short_text_role(text)  # pages repeat their short lines: menus, tools, footers


@lru_cache(maxsize=8192)
def _short_text_role(text: str) -> Role | None:
    short = len(text) <= SHORT
    stripped = text.strip()
    if IMAGE_NAMES.match(text):
        return Role.OTHER
    if short and NOTICE.search(text):
        return Role.NOTICE
    if footer_line(text):
        return Role.FOOTER
    if is_breadcrumb(stripped):
        return Role.NAVIGATION
    if short and (LANGUAGE_SWITCH.match(stripped) or PAGINATION.match(stripped)
                  or SITE_ROOT.match(stripped) or TAGS.match(stripped)
                  or BACK_TO_TOP.match(stripped) or UTILITIES.match(stripped)):
        return Role.NAVIGATION
    if short and (TOOLS.match(stripped) or COUNTER.match(stripped)):
        return Role.OTHER
    if short and (DATELINE.match(text) or is_mostly_date(text) or _RELATIVE_TIME.match(text)
                  or LEADING_DATE.match(text)):
        return Role.DATELINE
    if short and (BYLINE.match(text) or BYLINE_LINE.match(stripped)):
        return Role.BYLINE
    if short and RELATED.match(text):
        return Role.RELATED
    if len(stripped) <= 40 and PROMOTION.search(stripped):
        return Role.OTHER
    return None


# A line of names only, under a headline: "刘祺", "梁晏慈", "- 刘骥跃 张 勇".
NAME_LINE = re.compile(r"^[\s\-—–]*[\u4e00-\u9fff]{2,4}(?:[\s、·]+[\u4e00-\u9fff]{1,4})*\s*$")
# A line of capitalized section names: "US EUROPE AFRICA ASIA 中文".
CAPS_MENU = re.compile(r"^\s*(?:[A-Z]{2,}\s+){2,}\S+\s*$")
# A channel name that is also a page tool: 评论 in a site menu is the opinion channel.
CHANNEL_OR_TOOL = re.compile(r"^\W*(?:评论|評論|comment|comments|opinion|视频|視頻|图片"
                             r"|圖片)\W*$", re.I)


_LINK_ROW = re.compile(r"(?:\s[|｜]\s.*){3}|©|版权|版權|copyright|icp", re.I)


def footer_line(text: str) -> bool:
    """A copyright, licence, ICP or site-information line (or a row of such links)."""
    if len(text) > SHORT and not _LINK_ROW.search(text):
        return False  # a paragraph: a long footer is a row of links or a copyright line
    if len(text) > 20 * SHORT or not FOOTER.search(text):
        return False  # far longer than any footer: an article or a whole page on one line
    found = [match.group().lower() for match in FOOTER.finditer(text)]
    return bool(found) and (len(text) <= SHORT or len(set(found)) >= max(2, len(text) / 80))


def is_breadcrumb(text: str) -> bool:
    return bool(BREADCRUMB.search(text)) or (len(text) <= 40 and bool(_SITE_CRUMB.match(text))
                                             and ">" in text.replace("》", ""))


def is_mostly_date(text: str) -> bool:
    match = DATE.search(text)
    return match is not None and len(match.group()) >= len(text.strip(" []【】()（）")) * 0.5


def is_title_like(text: str) -> bool:
    """Short, no sentence end: how a headline looks on a text page."""
    if len(text) > 2 * SHORT:
        return False
    stripped = text.strip()
    return 0 < len(stripped) <= 100 and not SENTENCE_END.search(stripped)
