// Draws every chart of the LENS report as inline SVG from the JSON in #lens-data. No network, no libraries.
(function () {
  'use strict';
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); });
  var originalError = console.error;
  console.error = function () {
    errors.push(Array.prototype.join.call(arguments, ' '));
    originalError.apply(console, arguments);
  };
  var NS = 'http://www.w3.org/2000/svg';
  var COLORS = ['#2f6fdf', '#e0612f', '#2a9d6f', '#8a4fd3', '#c23a6b', '#b88a00', '#17808f', '#5b6478'];
  var W = 900;

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function text(parent, x, y, value, anchor, extra) {
    var t = el('text', Object.assign({ x: x, y: y, 'text-anchor': anchor || 'start' }, extra || {}), parent);
    t.textContent = value;
    return t;
  }
  function title(node, value) { el('title', {}, node).textContent = value; }
  function fmt(v, format) {
    if (v === null || v === undefined || isNaN(v)) { return '-'; }
    if (format === 'pct') { return (v * 100).toFixed(Math.abs(v) < 0.1 ? 2 : 1) + '%'; }
    if (format === 'ms') { return v >= 100 ? v.toFixed(0) + ' ms' : v.toFixed(1) + ' ms'; }
    if (format === 'dec') { return v.toFixed(3); }
    return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en') : String(Math.round(v * 100) / 100);
  }
  function shortHour(iso) { return iso.length >= 16 ? iso.substring(5, 10) + ' ' + iso.substring(11, 13) + 'h' : iso; }
  function niceRange(values, includeZero) {
    var finite = values.filter(function (v) { return v !== null && v !== undefined && isFinite(v); });
    var lo = Math.min.apply(null, finite), hi = Math.max.apply(null, finite);
    if (includeZero) { lo = Math.min(0, lo); hi = Math.max(0, hi); }
    if (hi === lo) { hi = lo + (lo === 0 ? 1 : Math.abs(lo) * 0.1); }
    var pad = (hi - lo) * 0.08;
    return [lo < 0 || !includeZero ? lo - pad : lo, hi + pad];
  }
  function legend(container, items) {
    var box = document.createElement('div');
    box.className = 'legend';
    items.forEach(function (item) {
      var span = document.createElement('span');
      var swatch = document.createElement('i');
      swatch.style.borderTopColor = item.color;
      if (item.dash) { swatch.style.borderTopStyle = item.dash.indexOf('2') === 0 ? 'dotted' : 'dashed'; }
      span.appendChild(swatch);
      span.appendChild(document.createTextNode(item.name));
      box.appendChild(span);
    });
    container.appendChild(box);
  }
  function noData(container) {
    var p = document.createElement('p');
    p.className = 'empty';
    p.textContent = 'No data to chart in this window.';
    container.appendChild(p);
    return 0;
  }

  // Bars and lines over a shared categorical time axis, with an optional right axis.
  function drawSeries(container, spec) {
    var x = spec.x || [];
    var series = (spec.series || []).filter(function (s) {
      return s.values.some(function (v) { return v !== null && v !== undefined; });
    });
    if (!x.length || !series.length) { return noData(container); }
    var H = 320, m = { l: 64, r: spec.y2Format ? 64 : 20, t: 14, b: 46 };
    var pw = W - m.l - m.r, ph = H - m.t - m.b;
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': spec.id }, container);
    function axisOf(side) {
      var vals = [];
      var bars = false;
      series.filter(function (s) { return s.axis === side; }).forEach(function (s) {
        vals = vals.concat(s.values);
        bars = bars || s.type === 'bar';
      });
      if (!vals.some(function (v) { return v !== null; })) { return null; }
      var range = niceRange(vals, bars || spec[side === 'left' ? 'yFormat' : 'y2Format'] !== 'dec');
      return { lo: range[0], hi: range[1], y: function (v) { return m.t + ph - (v - range[0]) / (range[1] - range[0]) * ph; } };
    }
    var left = axisOf('left'), right = axisOf('right');
    var step = pw / x.length;
    function cx(i) { return m.l + step * (i + 0.5); }
    [left, right].forEach(function (axis, k) {
      if (!axis) { return; }
      for (var t = 0; t <= 4; t++) {
        var v = axis.lo + (axis.hi - axis.lo) * t / 4, y = axis.y(v);
        if (k === 0) { el('line', { x1: m.l, x2: W - m.r, y1: y, y2: y, 'class': 'grid' }, svg); }
        text(svg, k === 0 ? m.l - 6 : W - m.r + 6, y + 4, fmt(v, k === 0 ? spec.yFormat : spec.y2Format),
          k === 0 ? 'end' : 'start');
      }
    });
    el('line', { x1: m.l, x2: W - m.r, y1: m.t + ph, y2: m.t + ph, 'class': 'axis' }, svg);
    var every = Math.max(1, Math.ceil(x.length / 10));
    x.forEach(function (label, i) {
      if (i % every === 0) { text(svg, cx(i), H - m.b + 18, shortHour(label), 'middle'); }
    });
    var drawn = 0;
    var bars = series.filter(function (s) { return s.type === 'bar'; });
    bars.forEach(function (s, b) {
      var axis = s.axis === 'right' ? right : left;
      var bw = step * 0.7 / bars.length;
      s.values.forEach(function (v, i) {
        if (v === null || v === undefined) { return; }
        var y = axis.y(v), y0 = axis.y(Math.max(axis.lo, 0));
        var rect = el('rect', { x: cx(i) - step * 0.35 + b * bw, y: Math.min(y, y0), width: Math.max(1, bw - 1),
          height: Math.max(1, Math.abs(y0 - y)), fill: COLORS[s.color % COLORS.length], opacity: 0.8 }, svg);
        title(rect, s.name + ' · ' + x[i] + ': ' + fmt(v, s.axis === 'right' ? spec.y2Format : spec.yFormat));
        drawn++;
      });
    });
    series.filter(function (s) { return s.type !== 'bar'; }).forEach(function (s) {
      var axis = s.axis === 'right' ? right : left;
      var color = COLORS[s.color % COLORS.length];
      var d = '', pen = false;
      s.values.forEach(function (v, i) {
        if (v === null || v === undefined) { pen = false; return; }
        d += (pen ? ' L' : ' M') + cx(i).toFixed(1) + ' ' + axis.y(v).toFixed(1);
        pen = true;
      });
      el('path', { d: d.trim(), fill: 'none', stroke: color, 'stroke-width': 2.2, 'stroke-dasharray': s.dash || '' }, svg);
      s.values.forEach(function (v, i) {
        if (v === null || v === undefined) { return; }
        var filled = !s.markers || s.markers[i];
        var dot = el('circle', { cx: cx(i), cy: axis.y(v), r: s.markers ? 5 : 3, fill: filled ? color : '#fff',
          stroke: color, 'stroke-width': 2 }, svg);
        title(dot, s.name + ' · ' + x[i] + ': ' + fmt(v, s.axis === 'right' ? spec.y2Format : spec.yFormat)
          + (s.markers ? (s.markers[i] ? ' (promoted)' : ' (not promoted)') : ''));
        drawn++;
      });
    });
    legend(container, series.map(function (s) { return { name: s.name, color: COLORS[s.color % COLORS.length], dash: s.dash }; }));
    return drawn;
  }

  // One row per arm: the lift, its CI as an error bar, the sequential CI as thin whiskers, a zero line.
  function drawErrorBars(container, spec) {
    var bars = spec.bars || [];
    if (!bars.length) { return noData(container); }
    var row = 40, H = 40 + row * bars.length, m = { l: 250, r: 30, t: 12 };
    var pw = W - m.l - m.r;
    var all = [0];
    bars.forEach(function (b) { [b.value, b.low, b.high, b.seqLow, b.seqHigh].forEach(function (v) { if (v !== null && v !== undefined && isFinite(v)) { all.push(v); } }); });
    var range = niceRange(all, true);
    function px(v) { return m.l + (v - range[0]) / (range[1] - range[0]) * pw; }
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': spec.id }, container);
    for (var t = 0; t <= 4; t++) {
      var v = range[0] + (range[1] - range[0]) * t / 4;
      el('line', { x1: px(v), x2: px(v), y1: m.t, y2: H - 24, 'class': 'grid' }, svg);
      text(svg, px(v), H - 8, fmt(v, 'pct'), 'middle');
    }
    el('line', { x1: px(0), x2: px(0), y1: m.t, y2: H - 24, 'class': 'zero' }, svg);
    var drawn = 0;
    bars.forEach(function (b, i) {
      var y = m.t + row * i + row / 2;
      var significant = b.low > 0 || b.high < 0;
      var color = !significant ? '#5b6478' : b.value > 0 ? '#2a9d6f' : '#c23a6b';
      text(svg, m.l - 10, y + 4, b.label, 'end', { 'font-size': 12.5 });
      if (b.seqLow !== null && b.seqLow !== undefined) {
        el('line', { x1: px(b.seqLow), x2: px(b.seqHigh), y1: y, y2: y, stroke: color, 'stroke-width': 1, opacity: 0.6 }, svg);
      }
      el('line', { x1: px(b.low), x2: px(b.high), y1: y, y2: y, stroke: color, 'stroke-width': 6, opacity: 0.35,
        'stroke-linecap': 'round' }, svg);
      [b.low, b.high].forEach(function (end) {
        el('line', { x1: px(end), x2: px(end), y1: y - 7, y2: y + 7, stroke: color, 'stroke-width': 2 }, svg);
      });
      var dot = el('circle', { cx: px(b.value), cy: y, r: 5, fill: color }, svg);
      title(dot, b.label + ': lift ' + fmt(b.value, 'pct') + ', 95% CI [' + fmt(b.low, 'pct') + ', ' + fmt(b.high, 'pct') + ']');
      text(svg, px(b.value), y - 10, fmt(b.value, 'pct'), 'middle', { 'font-size': 11 });
      drawn++;
    });
    return drawn;
  }

  var rendered = 0;
  try {
    var data = JSON.parse(document.getElementById('lens-data').textContent);
    data.charts.forEach(function (spec) {
      var container = document.getElementById('chart-' + spec.id);
      try {
        var points = spec.kind === 'errorbars' ? drawErrorBars(container, spec) : drawSeries(container, spec);
        container.setAttribute('data-rendered', String(points));
        rendered++;
      } catch (e) {
        errors.push(spec.id + ': ' + e.message);
        container.setAttribute('data-rendered', 'error');
      }
    });
  } catch (e) {
    errors.push('report data: ' + e.message);
  }
  document.body.setAttribute('data-charts', String(rendered));
  document.body.setAttribute('data-errors', errors.join(' | '));
  document.body.setAttribute('data-report-ready', 'true');
})();
