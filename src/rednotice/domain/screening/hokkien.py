"""Han characters as Singapore, Malaysia, Indonesia, the Philippines and Taiwan spell them in Hokkien,
Teochew and Hakka (Lee Kuan Yew for 李光耀, Khaw Boon Wan for 許文煥, Heng Swee Keat for 王瑞杰).

Chinese families in South-East Asia registered their names by the sound of their own language, in
English-style (or Dutch-style in Indonesia: Oey, Tjioe, Gouw) spellings that follow no published scheme:
the clerk wrote what he heard. The habits are regular enough to be listed per character: ``bûn`` is
written Boon, ``iāu`` Yew or Yeow, ``chì`` Chee, ``hoat`` Huat, a syllabic ``n̂g`` Ng or Png. Taiwan
writes Taiwanese Hokkien names in Pe̍h-ōe-jī (POJ) or its successor Tâi-lô (Hsiao Bi-khim, Freddy LIM
Tshiong-tso).

:data:`TABLE` gives, for each character, its reading in POJ without tone marks (``oo`` is POJ's o͘, ``nn`` its
nasal ⁿ; Hokkien first, then the Teochew or Hakka reading where that is what the spellings come from)
and the customary spellings of that reading. A character's spellings are these customary spellings, the
reading as POJ writes it without tone marks (``ngo`` for 吳 ngô͘, ``tia`` for 鼎 tiáⁿ) and as Tâi-lô writes it
(``ts``/``tsh`` for POJ ``ch``/``chh``, ``ua``/``ue`` for ``oa``/``oe``, ``oo`` for ``o͘``; not its
``ik``/``ing`` for ``ek``/``eng``, which would make 鄧 Teng meet the pinyin Ting of 丁).

The table was written for this project from public references: the characters' Min Nan readings in
Wiktionary (English Wiktionary, "Min Nan" pronunciation sections; Taiwan's Ministry of Education
*Dictionary of Frequently-Used Taiwan Minnan*, 臺灣閩南語常用詞辭典), the Hokkien, Teochew and Hakka
columns of Wikipedia's "List of common Chinese surnames" and "Chinese name" (romanisation in Singapore
and Malaysia), and the names of Singaporean, Malaysian and Taiwanese public figures as their governments
publish them. It covers the 100-odd commonest surnames of those communities and the characters most
common in their given names; a character it lacks is read by pinyin and Cantonese only. Readings are
facts; no code or table was copied.

Spellings are only ever attached to characters: a Latin Tan is not made a Latin Chen here (the surname
table in :mod:`.tables` decides that), and the syllables of a given name keep their order.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

# chars (traditional and simplified) : POJ reading(s), comma-separated / customary spellings
_DATA = """
# --- surnames ---
陳陈: tan / tan chin tjhin
林: lim / lim
李: li / lee lie
黃黄: ng, ui / ng wee oei oey ooi wong bong
張张: tiunn, tiong / teo teoh tio chong tiong cheong
王: ong, heng / ong heng
吳吴: goo, ngoo / goh go gouw ng ngo
劉刘: lau / lau low liew lao
蔡: chhoa / chua choa chwa chai
楊杨: iunn, iong / yeo yeoh yong nio
許许: khoo / khaw koh kho khor hoo
鄭郑: tenn / tay teh the
郭: koeh, kok / quek kwek kuek kueh kok
謝谢: sia / seah sia chia cheah
曾: chan / chan tsen
洪: ang / ang hung ung
邱丘: khu / khoo khu hew
周: chiu / chew chiu tjioe
沈: sim / sim
杜: too / toh tow too
蘇苏: soo / soh saw soo
何: ho / ho hoe hoh
羅罗: lo / lo loh lor
梁: niu, liong / neo nio leong liong
宋: song / song soong
唐: tng / tng teng tong
韓韩: han / han
馮冯: pang / pang fong foong
鄧邓: teng / teng then
葉叶: iap / yap yeap iap
蕭萧: siau / seow siow siau siaw siew
朱: chu / choo chu
徐: chhi / chee ser
高: ko / koh kho kow
胡: oo / ow oh aw woo foo
孫孙: sun, sng / soon sng
馬马: be / beh bey
江: kang / kang kong
莊庄: chng / chng chong
余: i, u / ee ue er yee
游: iu / yew iu
姚: iau / yeow yao iau
盧卢: loo / loh lo
方: png, hong / png pung hong
潘: phoann / phua pua phoa poon
彭: phenn, peng / phang pang peh phe
鍾钟鐘: cheng / chong cheng chung
廖: liau / leow liau liow
賴赖: loa / lua nai
趙赵: tio / teo tio
柯: koa / kua kuah kwa
龔龚: keng / keng kong
辜: koo / koo
顏颜: gan / gan ngan
藍蓝: na / nah
石: chioh / chioh sek
魏: gui / gui gwee ngui ngooi
康: khong / khong
湯汤: thng / thng tong
傅: poo / poh foo
尤: iu / yew iu
翁: ong / ong ang
鄒邹: chau / chow chau
戴: te / tay teh
白: peh / peh pek
卓: tok / toh tok
巫: bu / boo
伍: ngoo / goh ng
孔: khong / khong
章: chiong / chiong cheong
連连: lian / lian
侯: hau / kow hau
甘: kam / kam
程: theng, thiann / teng thia
溫温: un / oon woon voon
丁: teng / teng
陸陆: liok / liok lok loke
邵: sio / sio siow
古: koo / koh koo
凌: leng / leng
倪: ge / gay ngai
麥麦: beh / beh
曹: cho / chow cho
薛: sih / sih
施: si / see sze
呂吕: lu / lu loo
雷: lui / lui looi
袁: oan / wan
韋韦: ui / wee
姜: khiong, kiunn / kiang kiong
岑: sim / sim shum
鮑鲍: pau / pau
紀纪: ki / kee
莫: bok / bok mok
葛: kat / kat
黎: le / lay loy
范: hoan / huan hwan
尹: un / oon
錢钱: chinn / chee
田: chhan / chan thian
秦: chin / chin
汪: ong / ong
任: jim / jim yim
萬万: ban / ban
童: tong / tong
柳: liu / liew
鄺邝: khong / khong kwong
# --- given names ---
光: kong, kuang / kong kuan kwang
耀: iau / yew yeow yau iau
文: bun / boon bun voon vun
煥焕: hoan / wan huan hwan
賢贤: hian / hean hian hin
志: chi / chee chi
明: beng, meng / beng meng
川: chhoan / chuan
仁: jin / jin jen
美: bi / bee bi
花: hoa / wah hua hwa
榮荣: eng, iong / eng yong weng
發发: hoat / huat hwat fatt
永: eng / eng yong weng
宏: hong / hong
鼎: teng, tiann / teng tiang
基: ki / kee
瑞: sui / swee sui
吉: kiat / keat kiat kiet
傑杰: kiat / kiat keat kiet
福: hok / hock hok fook
成: seng, chiann / seng sing chia
順顺: sun / soon
盛: seng / seng
興兴: heng / heng
祥: siong, siang / siong siang
財财: chai / chye chai
才: chai / chye chai
德: tek / teck tek
勝胜: seng / seng
平: peng / peng
強强: kiong, kiang / kiong keong kiang
國国: kok / kok kwok
民: bin / bin
安: an / an
忠: tiong / tiong teong
中: tiong / tiong teong
華华: hoa / wah hua hwa
偉伟: ui / wee ooi
輝辉: hui / hui hwee
慧: hui / hwee hui
惠: hui / hwee hui
玉: giok / geok giok gek
蘭兰: lan / lan
珠: chu / choo chu chew
鳳凤: hong / hong
金: kim / kim
銀银: gin, gun / gin gun
寶宝: po / poh
珍: tin / tin
秀: siu / siew siu seow
麗丽: le / lay leh lee
芳: hong / hong
英: eng / eng
梅: mui, bue / mui moi buay bwee
清: chheng / cheng chng
水: chui / chui chooi
山: san, soann / san suan
雲云: hun / hoon hun
春: chhun / choon chun
秋: chhiu / chew chiu
冬: tong / tong
龍龙: liong / liong leong
虎: hoo / hoe
海: hai / hai
義义: gi / ghee gee
禮礼: le / lay leh
信: sin / sin
智: ti / tee
勇: iong / yong iong
俊: chun / choon chun
聰聪: chhong / chong
敏: bin / bin
慶庆: kheng / keng kheng
喜: hi / hee
亮: liang / liang leong
添: thiam / thiam tiam
裕: ju / joo
源: goan / guan goan
元: goan / guan goan
豪: ho / hoe hor
友: iu / yew iu
有: iu / yew iu
坤: khun / khoon kun
昌: chhiong / chiang cheong chiong
松: siong / siong song
長长: tiong / tiong teong
新: sin / sin
進进: chin / chin
泉: choan / chuan choan
錦锦: kim / kim
保: po / poh
貴贵: kui / kwee kui
桂: kui / kwee kui
家: ka / kah ka kar
建: kian / kian kien
豐丰: hong / hong
正: cheng / cheng
隆: liong / liong leong
振: chin / chin
壽寿: siu / siew siu
嘉: ka / kah ka kar
鴻鸿: hong / hong
生: seng / seng
來来: lai / lai lye
愛爱: ai / ai
娟: koan / kuan kwan
蓮莲: lian / lian lean
鶯莺: eng / eng
燕: ian / ean ian
雪: soat / suat
月: goat / guat gwat
香: hiong, hiang / hiong heong hiang
萍: peng / peng
琴: khim / khim kim
霞: ha / ha har
芬: hun / hoon hun
婷: teng / teng
貞贞: cheng / cheng
淑: siok / siok seok
恩: un / oon un
潔洁: kiat / kiat keat
嬌娇: kiau / kiau kiow
亞亚: a / ah
良: liong / liang leong
祖: choo / choo
和: ho / hoe ho
益: ek / aik ek
昇升: seng / seng
利: li / lee
雄: hiong / hiong heong
天: thian / thian tian
聖圣: seng / seng
南: lam / lam
東东: tong / tong
泰: thai / thye thai
昆: khun / khoon kun
佳: ka / kah
鳴鸣: beng / beng
銘铭: beng / beng meng
宗: chong / chong
群: kun / kun koon
全: choan / chuan
炳: peng / peng
炎: iam / yam iam
亨: heng / heng
滿满: boan / buan
旺: ong / ong
欽钦: khim / khim
健: kian / kian
漢汉: han / han
武: bu / boo bu
大: tai, toa / tai tua
彬: pin / pin
斌: pin / pin
玲: leng / leng ling
妹: moe / moi bwee
心: sim / sim
思: su / soo sze
士: su / soo
世: se / say seh
詩诗: si / see
書书: su / soo
"""

MAX_NAME_SPELLINGS = 8
"""Spellings of a whole given name (the product of its characters'), most usual first."""


def _tailo(reading: str) -> str:
    """A POJ reading (tone marks dropped) as Tâi-lô writes it."""
    return reading.replace("chh", "tsh").replace("ch", "ts").replace("oa", "ua").replace("oe", "ue")


def _parse(data: str) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    table: dict[str, tuple[str, ...]] = {}
    surnames: set[str] = set()
    in_surnames = False
    for raw in data.strip().splitlines():
        line = raw.strip()
        if line.startswith("#"):
            in_surnames = "surnames" in line
        if not line or line.startswith("#"):
            continue
        chars, rest = line.split(":", 1)
        readings_text, customary_text = rest.split("/", 1)
        readings = [r.strip() for r in readings_text.split(",") if r.strip()]
        customary = customary_text.split()
        if not chars.strip() or not readings or not customary:
            raise ValueError(f"hokkien table: bad line {raw!r}")
        spellings = list(customary)
        for r in readings:
            poj = r.replace("oo", "o").replace("nn", "")
            spellings += [poj, r.replace("nn", ""), _tailo(r), _tailo(r.replace("nn", ""))]
        for char in chars.strip():
            if char in table:
                raise ValueError(f"hokkien table: {char} listed twice")
            table[char] = tuple(dict.fromkeys(s for s in spellings if s.isascii() and s.isalpha()))
            if in_surnames:
                surnames.add(char)
    return table, frozenset(surnames)


TABLE, SURNAMES = _parse(_DATA)
"""Each character's Hokkien, Teochew or Hakka spellings, customary ones first (see the module docstring);
the characters of the table's surnames (a married woman's name starts with two of them: 周陳秀霞)."""


def char_spellings(char: str) -> tuple[str, ...]:
    """The spellings of one character, or () if the table lacks it."""
    return TABLE.get(char, ())


@lru_cache(maxsize=100_000)
def spellings(text: str) -> frozenset[str]:
    """The spellings of a name part in characters written as one word (Kuanyew for 光耀), at most
    :data:`MAX_NAME_SPELLINGS`; empty unless the table has every character."""
    choices = [TABLE.get(c, ()) for c in text]
    if not choices or not all(choices):
        return frozenset()
    return frozenset("".join(combo) for combo in list(product(*choices))[:MAX_NAME_SPELLINGS])
