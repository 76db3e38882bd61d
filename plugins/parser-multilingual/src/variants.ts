/**
 * Forms of an option label that a reader recognises at once, as data: polite / plain verb
 * endings (Japanese 「そう思う」→「そう思います」, Korean 「매우 중요함」→「매우 중요합니다」),
 * the label in another script (kana for kanji, traditional for simplified Chinese).
 * Each variant stands for the same option as its label. Written in natural spelling.
 */

/** Per language: [label ending, replacement endings]. The first matching ending applies. */
export const ENDING_VARIANTS: Record<string, Array<[string, string[]]>> = {
  ja: [
    ['でない', ['ではない', 'ではありません', 'でありません', 'じゃない', 'じゃありません', 'でないです', 'ではないです']],
    ['わない', ['いません', 'わないです']],
    ['えない', ['えません', 'えないです']],
    ['にない', ['にありません', 'にないです']],
    ['くない', ['くありません', 'くないです']],
    ['う', ['います', 'いました']],
  ],
  ko: [
    ['않음', ['않습니다', '않아요', '않아', '않죠', '않다', '않는다', '않네요']],
    ['없음', ['없습니다', '없어요', '없어', '없죠', '없다', '없네요']],
    ['못함', ['못합니다', '못해요', '못해', '못하죠', '못한다', '못하다']],
    ['함', ['합니다', '해요', '해', '하죠', '하다', '한다', '하네요', '하지요', '했어요', '했습니다']],
  ],
};

/** Per language: a written form and the other script's spelling of it; tried in both directions. */
export const SCRIPT_VARIANTS: Record<string, Array<[string, string]>> = {
  ja: [
    ['重要', 'じゅうよう'],
    ['最も', 'もっとも'],
    ['非常に', 'ひじょうに'],
    ['全く', 'まったく'],
    ['時々', 'ときどき'],
    ['強く', 'つよく'],
    ['思', 'おも'],
    ['言', 'い'],
    ['全然', 'ぜんぜん'],
    ['決して', 'けっして'],
    ['滅多に', 'めったに'],
    ['大抵', 'たいてい'],
    ['何時も', 'いつも'],
    ['賛成', 'さんせい'],
    ['反対', 'はんたい'],
  ],
  zh: [
    ['极', '極'],
    ['确', '確'],
    ['总', '總'],
    ['时', '時'],
    ['从', '從'],
    ['无', '無'],
    ['为', '為'],
    ['对', '對'],
    ['说', '說'],
    ['关', '關'],
    ['经', '經'],
    ['见', '見'],
    ['认', '認'],
    ['赞', '贊'],
    ['强', '強'],
    ['烈', '烈'],
  ],
};
