// Progressive enhancement of the comparison table: sort by a column, filter by region.
// The table is complete without this script.
(function () {
  var table = document.getElementById('compare-table');
  var form = document.querySelector('.compare-filter');
  if (!table || !form) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var select = document.getElementById('region-filter');
  var count = document.getElementById('compare-count');
  form.hidden = false;
  form.addEventListener('submit', function (e) { e.preventDefault(); });

  function filter() {
    var prefix = select.value;
    var shown = 0;
    rows.forEach(function (row) {
      var region = row.getAttribute('data-region');
      var match = !prefix || region === prefix || region.indexOf(prefix + '/') === 0;
      row.hidden = !match;
      if (match) shown++;
    });
    count.textContent = '显示 ' + shown + ' 个机关';
  }
  select.addEventListener('change', filter);

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener('click', function () {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (o) { o.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var numeric = th.getAttribute('data-sort-type') === 'number';
      var key = function (row) {
        var cell = row.cells[index];
        return numeric ? cell.getAttribute('data-sort') : cell.textContent;
      };
      rows.sort(function (a, b) {
        var x = key(a);
        var y = key(b);
        // Missing values (blank, too few cases) always go last.
        if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
        var d = numeric ? Number(x) - Number(y) : x.localeCompare(y, 'zh-CN');
        return asc ? d : -d;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  filter();
})();
