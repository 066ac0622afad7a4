/* Report tables: sort by a column, filter rows, download the rows as CSV. Works offline; the
   page's Content-Security-Policy allows this one script by its hash and nothing else. It only
   reorders, hides and reads table cells (textContent), never writes HTML. */
(function () {
  "use strict";
  function text(cell) { return cell.textContent.trim(); }
  function value(cell) {
    var v = cell.getAttribute("data-value");
    return v === null ? text(cell) : v;
  }
  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    var xn = a !== "" && !isNaN(x), yn = b !== "" && !isNaN(y);
    if (xn && yn) { return x - y; }
    if (xn !== yn) { return xn ? -1 : 1; }
    return a.localeCompare(b);
  }
  // a cell a spreadsheet would run as a formula gets a leading ' (as in every CSV the command line writes)
  function csvField(s) {
    if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; }
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function tableCsv(table) {
    var lines = [];
    Array.prototype.forEach.call(table.rows, function (row) {
      if (row.hidden) { return; }
      lines.push(Array.prototype.map.call(row.cells, function (c) { return csvField(text(c)); }).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }
  function sortable(table) {
    var body = table.tBodies[0];
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.setAttribute("tabindex", "0");
      th.setAttribute("role", "button");
      th.title = "Sort by this column";
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var r = compare(value(a.cells[col]), value(b.cells[col]));
          return ascending ? r : -r;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  }
  function controls(table, wrap) {
    var bar = document.createElement("div");
    bar.className = "cma-controls";
    var filter = document.createElement("input");
    filter.type = "search";
    filter.placeholder = "Filter rows";
    filter.setAttribute("aria-label", "Filter the rows of this table");
    var count = document.createElement("span");
    count.className = "cma-count";
    var rows = table.tBodies[0].rows;
    function update() {
      var q = filter.value.trim().toLowerCase(), shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        row.hidden = q !== "" && row.textContent.toLowerCase().indexOf(q) < 0;
        if (!row.hidden) { shown += 1; }
      });
      count.textContent = shown + " of " + rows.length + " rows";
    }
    filter.addEventListener("input", update);
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Download these rows (CSV)";
    button.addEventListener("click", function () {
      var blob = new Blob(["\ufeff" + tableCsv(table)], { type: "text/csv;charset=utf-8" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = (wrap.getAttribute("data-name") || "table") + ".csv";
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    });
    bar.appendChild(filter);
    bar.appendChild(button);
    bar.appendChild(count);
    wrap.insertBefore(bar, wrap.querySelector(".cma-scroll"));
    update();
  }
  var wraps = document.querySelectorAll(".cma-table-wrap");
  Array.prototype.forEach.call(wraps, function (wrap) {
    var table = wrap.querySelector("table.cma-table");
    if (!table || !table.tHead || !table.tBodies.length) { return; }
    sortable(table);
    if (wrap.hasAttribute("data-explore")) { controls(table, wrap); }
  });
  document.documentElement.setAttribute("data-cma-tables", String(wraps.length));
})();
