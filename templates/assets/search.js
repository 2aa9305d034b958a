// Search page: queries the Pagefind index written at build time (agency, places, year).
// The index is in parts (see src/site/search-index.ts): the first part's script is loaded and
// the other parts are merged into it, so one search covers every part.
// Without JavaScript the form stays hidden and the page points readers to the region index.
const script = document.currentScript || document.querySelector('script[data-pagefind-parts]');
const form = document.querySelector('[data-search]');
const status = document.querySelector('[data-search-status]');
const list = document.querySelector('[data-search-results]');
const parts = script.dataset.pagefindParts.split(' ').filter(Boolean);
const baseUrl = script.dataset.base;

const pagefind = await import(`${parts[0]}pagefind.js`);
await pagefind.options({ baseUrl });
await pagefind.init();
await Promise.all(parts.slice(1).map((part) => pagefind.mergeIndex(part, { baseUrl })));

document.querySelector('[data-search-nojs]').hidden = true;
form.hidden = false;

const input = form.elements.namedItem('q');
const selects = [...form.querySelectorAll('select')];
/** The years on offer, newest first (as the year filter lists them). */
const years = [...form.elements.namedItem('year').options].map((o) => o.value).filter(Boolean);
const params = new URLSearchParams(location.search);
input.value = params.get('q') ?? '';
for (const s of selects) s.value = params.get(s.name) ?? '';

let latest = 0;
/** Results listed at most. */
const SHOWN = 50;

/**
 * 0 when the agency's name is the query, 1 when it holds the whole query, else 2. Results are
 * listed in this order first (a stable sort keeps the scores' order within each): each part
 * scores by its own word statistics, so a part's near match can outscore another part's exact one.
 */
function nameMatch(data, q) {
  return data.meta.agency === q ? 0 : data.meta.agency.includes(q) ? 1 : 2;
}

/**
 * Every report matching the filters, newest year first: one search per year, since the merged
 * results of several parts are in part order, not in year order.
 */
async function newestFirst(filters) {
  const out = [];
  for (const year of filters.year ? [filters.year] : years) {
    out.push(...(await pagefind.search(null, { filters: { ...filters, year } })).results);
  }
  return out;
}

/** Run the search for the form's current state and print the results. */
async function run() {
  const ticket = ++latest;
  const q = input.value.trim();
  const filters = {};
  for (const s of selects) if (s.value) filters[s.name] = s.value;
  const query = new URLSearchParams();
  if (q) query.set('q', q);
  for (const [k, v] of Object.entries(filters)) query.set(k, v);
  history.replaceState(null, '', query.size ? `?${query}` : location.pathname);
  if (!q && !Object.keys(filters).length) {
    list.replaceChildren();
    status.textContent = '';
    return;
  }
  // Best match first for a query (the parts' results merged by score); newest first when only browsing by filters.
  const results = q ? (await pagefind.search(q, { filters })).results : await newestFirst(filters);
  const found = await Promise.all(results.slice(0, SHOWN).map((r) => r.data()));
  if (q) found.sort((a, b) => nameMatch(a, q) - nameMatch(b, q));
  if (ticket !== latest) return;
  list.replaceChildren(...found.map(item));
  status.textContent = found.length
    ? `找到 ${results.length} 份报告${results.length > found.length ? `，显示前 ${found.length} 份` : ''}。`
    : '没有找到符合条件的报告。可以换用更短的名称（如“朱桥”），或回到首页按地区浏览。';
}

/** One result: agency as the link, then year, region and level. */
function item(data) {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = data.url;
  a.textContent = data.meta.agency;
  const meta = document.createElement('span');
  meta.className = 'result-meta';
  meta.textContent = `${data.meta.year}年度 · ${data.meta.region} · ${data.meta.level}`;
  li.append(a, meta);
  return li;
}

let timer;
form.addEventListener('submit', (e) => {
  e.preventDefault();
  run();
});
input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(run, 200);
});
for (const s of selects) s.addEventListener('change', run);
run();
