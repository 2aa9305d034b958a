/**
 * CJK Radicals Supplement (U+2E80–U+2EFF) → the unified ideograph each stands for.
 * PDFs made by Word often carry these glyphs in place of ordinary characters (⺠ for 民);
 * unlike the Kangxi Radicals block, they have no Unicode decomposition, so NFKC leaves them.
 * Data: Unicode 15.0 EquivalentUnifiedIdeograph.txt (Debian package unicode-data), every
 * single-code-point entry of that block (104 entries), copied as published.
 */
export const RADICALS_SUPPLEMENT: Readonly<Record<string, string>> = {
  '⺁': '厂', // CJK RADICAL CLIFF
  '⺂': '乛', // CJK RADICAL SECOND ONE
  '⺃': '乚', // CJK RADICAL SECOND TWO
  '⺄': '乙', // CJK RADICAL SECOND THREE
  '⺅': '亻', // CJK RADICAL PERSON
  '⺆': '冂', // CJK RADICAL BOX
  '⺇': '𠘨', // CJK RADICAL TABLE
  '⺈': '刀', // CJK RADICAL KNIFE ONE
  '⺉': '刂', // CJK RADICAL KNIFE TWO
  '⺊': '卜', // CJK RADICAL DIVINATION
  '⺋': '㔾', // CJK RADICAL SEAL
  '⺎': '兀', // CJK RADICAL LAME ONE
  '⺏': '尣', // CJK RADICAL LAME TWO
  '⺐': '尢', // CJK RADICAL LAME THREE
  '⺑': '𡯂', // CJK RADICAL LAME FOUR
  '⺒': '巳', // CJK RADICAL SNAKE
  '⺓': '幺', // CJK RADICAL THREAD
  '⺔': '彑', // CJK RADICAL SNOUT ONE
  '⺕': '𫜹', // CJK RADICAL SNOUT TWO
  '⺖': '忄', // CJK RADICAL HEART ONE
  '⺗': '心', // CJK RADICAL HEART TWO
  '⺘': '扌', // CJK RADICAL HAND
  '⺙': '攵', // CJK RADICAL RAP
  '⺛': '旡', // CJK RADICAL CHOKE
  '⺜': '日', // CJK RADICAL SUN
  '⺝': '月', // CJK RADICAL MOON
  '⺞': '歺', // CJK RADICAL DEATH
  '⺟': '母', // CJK RADICAL MOTHER
  '⺠': '民', // CJK RADICAL CIVILIAN
  '⺡': '氵', // CJK RADICAL WATER ONE
  '⺢': '氺', // CJK RADICAL WATER TWO
  '⺣': '灬', // CJK RADICAL FIRE
  '⺦': '丬', // CJK RADICAL SIMPLIFIED HALF TREE TRUNK
  '⺧': '牛', // CJK RADICAL COW
  '⺨': '犭', // CJK RADICAL DOG
  '⺩': '王', // CJK RADICAL JADE
  '⺪': '𤴔', // CJK RADICAL BOLT OF CLOTH
  '⺫': '目', // CJK RADICAL EYE
  '⺬': '示', // CJK RADICAL SPIRIT ONE
  '⺭': '礻', // CJK RADICAL SPIRIT TWO
  '⺮': '𥫗', // CJK RADICAL BAMBOO
  '⺯': '糹', // CJK RADICAL SILK
  '⺰': '纟', // CJK RADICAL C-SIMPLIFIED SILK
  '⺱': '罓', // CJK RADICAL NET ONE
  '⺲': '罒', // CJK RADICAL NET TWO
  '⺳': '㓁', // CJK RADICAL NET THREE
  '⺴': '冗', // CJK RADICAL NET FOUR
  '⺵': '𦉫', // CJK RADICAL MESH
  '⺶': '羊', // CJK RADICAL SHEEP
  '⺷': '𦍌', // CJK RADICAL RAM
  '⺸': '𦍋', // CJK RADICAL EWE
  '⺹': '耂', // CJK RADICAL OLD
  '⺺': '肀', // CJK RADICAL BRUSH ONE
  '⺻': '聿', // CJK RADICAL BRUSH TWO
  '⺼': '肉', // CJK RADICAL MEAT
  '⺽': '𦥑', // CJK RADICAL MORTAR
  '⻁': '虎', // CJK RADICAL TIGER
  '⻂': '衤', // CJK RADICAL CLOTHES
  '⻃': '覀', // CJK RADICAL WEST ONE
  '⻄': '西', // CJK RADICAL WEST TWO
  '⻅': '见', // CJK RADICAL C-SIMPLIFIED SEE
  '⻆': '角', // CJK RADICAL SIMPLIFIED HORN
  '⻇': '𧢲', // CJK RADICAL HORN
  '⻈': '讠', // CJK RADICAL C-SIMPLIFIED SPEECH
  '⻉': '贝', // CJK RADICAL C-SIMPLIFIED SHELL
  '⻊': '𧾷', // CJK RADICAL FOOT
  '⻋': '车', // CJK RADICAL C-SIMPLIFIED CART
  '⻏': '邑', // CJK RADICAL CITY
  '⻐': '钅', // CJK RADICAL C-SIMPLIFIED GOLD
  '⻑': '長', // CJK RADICAL LONG ONE
  '⻒': '镸', // CJK RADICAL LONG TWO
  '⻓': '长', // CJK RADICAL C-SIMPLIFIED LONG
  '⻔': '门', // CJK RADICAL C-SIMPLIFIED GATE
  '⻕': '𨸏', // CJK RADICAL MOUND ONE
  '⻖': '阝', // CJK RADICAL MOUND TWO
  '⻗': '雨', // CJK RADICAL RAIN
  '⻘': '青', // CJK RADICAL BLUE
  '⻙': '韦', // CJK RADICAL C-SIMPLIFIED TANNED LEATHER
  '⻚': '页', // CJK RADICAL C-SIMPLIFIED LEAF
  '⻛': '风', // CJK RADICAL C-SIMPLIFIED WIND
  '⻜': '飞', // CJK RADICAL C-SIMPLIFIED FLY
  '⻝': '食', // CJK RADICAL EAT ONE
  '⻞': '𩙿', // CJK RADICAL EAT TWO
  '⻟': '飠', // CJK RADICAL EAT THREE
  '⻠': '饣', // CJK RADICAL C-SIMPLIFIED EAT
  '⻡': '𩠐', // CJK RADICAL HEAD
  '⻢': '马', // CJK RADICAL C-SIMPLIFIED HORSE
  '⻣': '骨', // CJK RADICAL BONE
  '⻤': '鬼', // CJK RADICAL GHOST
  '⻥': '鱼', // CJK RADICAL C-SIMPLIFIED FISH
  '⻦': '鸟', // CJK RADICAL C-SIMPLIFIED BIRD
  '⻧': '卤', // CJK RADICAL C-SIMPLIFIED SALT
  '⻨': '麦', // CJK RADICAL SIMPLIFIED WHEAT
  '⻩': '黄', // CJK RADICAL SIMPLIFIED YELLOW
  '⻪': '黾', // CJK RADICAL C-SIMPLIFIED FROG
  '⻫': '斉', // CJK RADICAL J-SIMPLIFIED EVEN
  '⻬': '齐', // CJK RADICAL C-SIMPLIFIED EVEN
  '⻭': '歯', // CJK RADICAL J-SIMPLIFIED TOOTH
  '⻮': '齿', // CJK RADICAL C-SIMPLIFIED TOOTH
  '⻯': '竜', // CJK RADICAL J-SIMPLIFIED DRAGON
  '⻰': '龙', // CJK RADICAL C-SIMPLIFIED DRAGON
  '⻱': '龜', // CJK RADICAL TURTLE
  '⻲': '亀', // CJK RADICAL J-SIMPLIFIED TURTLE
  '⻳': '龟', // CJK RADICAL C-SIMPLIFIED TURTLE
};
