// Checks of report.html as a browser lays it out. Evaluates to {problems: [...], stepsRun: {case: "ran/total"},
// boxes: {name: [x, y, w, h]}}; an empty problems list means the page passed.
(() => {
  const problems = [];
  const box = el => { const r = el.getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, r.width, r.height]; };
  const visible = el => {
    if (!el) return false;
    const s = getComputedStyle(el), r = el.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0;
  };
  const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const pageWidth = document.documentElement.scrollWidth;
  const boxes = {};

  // the key elements are there and visible
  const key = {title: 'h1', totals: 'p.totals', summary: 'table.summary', timeline: 'div.timeline',
               timelineLegend: '#timeline ~ p.legend', heap: 'svg.heap', heapLegend: 'svg.heap ~ p.legend',
               onlyDiffs: '#only-diffs', onlyDiffsLabel: 'label[for=only-diffs]', transcriptFiles: 'p.files'};
  for (const [name, sel] of Object.entries(key)) {
    const el = document.querySelector(sel);
    if (!visible(el)) problems.push(`${name} (${sel}) is missing or not visible`);
    else boxes[name] = box(el);
  }
  // nothing wider than the page; the chart is not cut off on the right
  for (const el of document.querySelectorAll('h1, p.totals, table.summary, svg.heap')) {
    if (el.getBoundingClientRect().right > pageWidth + 1) problems.push(`${el.tagName} ${el.className.baseVal ?? el.className} sticks out of the page`);
  }
  // heap chart: case labels neither overlap each other nor leave the chart
  const svg = document.querySelector('svg.heap');
  if (svg) {
    const chart = svg.getBoundingClientRect();
    const labels = [...svg.querySelectorAll('text.case-label')].map(t => ({t, r: t.getBoundingClientRect()}));
    if (labels.length === 0) problems.push('heap chart: no case labels');
    for (let i = 0; i < labels.length; i++) {
      const r = labels[i].r;
      if (r.left < chart.left - 0.5 || r.right > chart.right + 0.5 || r.bottom > chart.bottom + 0.5)
        problems.push(`heap chart: label "${labels[i].t.textContent}" is cut off`);
      for (let j = i + 1; j < labels.length; j++) {
        // rotated text: compare the glyph runs, approximated by their extent along the 45-degree baseline
        const a = labels[i].t, b = labels[j].t;
        const ax = +a.getAttribute('x'), bx = +b.getAttribute('x');
        if (Math.abs(bx - ax) < 14) problems.push(`heap chart: labels "${a.textContent}" and "${b.textContent}" overlap`);
      }
    }
    const board = svg.querySelector('polyline.board'), twin = svg.querySelector('polyline.twin');
    if (!board || !twin) problems.push('heap chart: board or twin line missing');
    else {
      if (!(board.compareDocumentPosition(twin) & Node.DOCUMENT_POSITION_FOLLOWING)) problems.push('heap chart: the twin line is drawn under the board line');
      if (getComputedStyle(twin).strokeDasharray === 'none') problems.push('heap chart: the twin line is not dashed');
      if (+getComputedStyle(board).strokeWidth.replace('px', '') <= +getComputedStyle(twin).strokeWidth.replace('px', ''))
        problems.push('heap chart: the board band is not wider than the twin line');
    }
    const points = svg.querySelectorAll('circle.pt');
    if (points.length === 0) problems.push('heap chart: no points');
    for (const p of points) if (!p.querySelector('title') || !p.querySelector('title').textContent.includes('board')) { problems.push('heap chart: a point without tooltip'); break; }
  }
  // timeline: names do not run into the step boxes; every letter is explained by the legend
  const legend = document.querySelector('#timeline ~ p.legend');
  const explained = new Set([...(legend ? legend.querySelectorAll('span.tl-step') : [])].map(s => s.textContent.trim()).filter(t => t));
  for (const row of document.querySelectorAll('.tl-case')) {
    const name = row.querySelector('.tl-name'), first = row.querySelector('.tl-step');
    if (name && first && name.getBoundingClientRect().right > first.getBoundingClientRect().left + 0.5)
      problems.push(`timeline: the name "${name.textContent}" overlaps its steps`);
    for (const s of row.querySelectorAll('.tl-step')) {
      if (!explained.has(s.textContent.trim())) { problems.push(`timeline: letter "${s.textContent}" is not in the legend`); break; }
      if (!s.title) { problems.push('timeline: a step without tooltip'); break; }
    }
  }
  // header texts: readable times, English plurals
  const header = document.body.innerText;
  if (/\d{2}:\d{2}:\d{2}\.\d{4,}/.test(header)) problems.push('a time is printed beyond the second');
  if (/\b1 (cases|errors|lines)\b/.test(header)) problems.push('"1 cases"-style plural');
  // the summary's "steps run" column, for comparison with the console summary
  const stepsRun = {};
  for (const tr of document.querySelectorAll('table.summary tr')) {
    const td = tr.querySelectorAll('td');
    if (td.length > 4) stepsRun[td[0].textContent.trim()] = td[3].textContent.trim();
  }
  return {problems, stepsRun, boxes};
})()
