// Search page: queries the Pagefind index written at build time (agency, places, year).
// Without JavaScript the form stays hidden and the page points readers to the region index.
const script = document.currentScript || document.querySelector('script[data-pagefind]');
const form = document.querySelector('[data-search]');
const status = document.querySelector('[data-search-status]');
const list = document.querySelector('[data-search-results]');

const pagefind = await import(script.dataset.pagefind);
await pagefind.options({ baseUrl: script.dataset.base });
await pagefind.init();

document.querySelector('[data-search-nojs]').hidden = true;
form.hidden = false;

const input = form.elements.namedItem('q');
const selects = [...form.querySelectorAll('select')];
const params = new URLSearchParams(location.search);
input.value = params.get('q') ?? '';
for (const s of selects) s.value = params.get(s.name) ?? '';

let latest = 0;

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
  // Best match first for a query; newest first when only browsing by filters.
  const search = await pagefind.search(q || null, q ? { filters } : { filters, sort: { year: 'desc' } });
  const found = await Promise.all(search.results.slice(0, 50).map((r) => r.data()));
  if (ticket !== latest) return;
  list.replaceChildren(...found.map(item));
  status.textContent = found.length
    ? `找到 ${search.results.length} 份报告${search.results.length > found.length ? `，显示前 ${found.length} 份` : ''}。`
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
