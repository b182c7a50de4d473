// The load report as a chart: an SVG drawn here, turned into PNG by rsvg-convert (Debian's
// librsvg2-bin).
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const COLORS = { transfers: '#4e79a7', grants: '#f28e2b', 'record-access': '#59a14f' };
const WIDTH = 1200;
const PANEL = 260;
const MARGIN = { left: 80, right: 110, top: 70 };

const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;');
/** A text element; `style` may set `size` (default 13), `weight`, `anchor` and `fill`. */
const text = (x, y, content, { size = 13, weight = 'normal', anchor = 'start', fill = '#000' } = {}) =>
  `<text x="${x}" y="${y}" font-family="sans-serif" font-size="${size}" font-weight="${weight}" ` +
  `text-anchor="${anchor}" fill="${fill}">${escape(content)}</text>`;
const rect = (x, y, w, h, fill) =>
  `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(w, 0).toFixed(1)}" height="${Math.max(h, 0).toFixed(1)}" fill="${fill}"/>`;

/** A bar panel at `top`: `groups` of `{ label, color, bars: [{ value, label }] }`. */
function barPanel(top, title, unit, groups) {
  const values = groups.flatMap((g) => g.bars.map((b) => b.value));
  const max = Math.max(1, ...values) * 1.15;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const count = values.length + groups.length - 1;
  const slot = plotWidth / Math.max(count, 1);
  const y = (v) => top + PANEL - (v / max) * PANEL;
  const parts = [text(MARGIN.left, top - 12, title, { size: 15, weight: 'bold' })];
  for (let i = 0; i <= 4; i++) {
    const value = (max / 4) * i;
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(value)}" y2="${y(value)}" stroke="#ddd"/>`);
    parts.push(text(8, y(value) + 4, `${Math.round(value).toLocaleString('en')} ${unit}`, { size: 11 }));
  }
  let position = 0;
  for (const group of groups) {
    const start = position;
    for (const bar of group.bars) {
      const x = MARGIN.left + position * slot + slot * 0.1;
      parts.push(rect(x, y(bar.value), slot * 0.8, top + PANEL - y(bar.value), bar.color ?? group.color));
      if (bar.label) parts.push(text(x, y(bar.value) - 4, bar.label, { size: 10 }));
      position += 1;
    }
    const middle = MARGIN.left + ((start + position) / 2) * slot;
    parts.push(text(middle, top + PANEL + 18, group.label, { anchor: 'middle' }));
    position += 1;
  }
  return parts.join('\n');
}

/** The SVG of a load report (see `run.mjs` for its shape). */
export function reportSvg(report) {
  const phases = report.phases;
  const included = barPanel(
    MARGIN.top + 20,
    'Included per block (full blocks of each kind, one node, same accounts)',
    'tx',
    phases.map((p) => ({
      label: `${p.name}: max ${p.perBlockMax}/block, ${Math.round(p.perSecond)}/s`,
      color: COLORS[p.name],
      bars: p.blocks.map((b) => ({ value: b.included })),
    })),
  );
  const timing = barPanel(
    MARGIN.top + 20 + PANEL + 80,
    'Block build time (solid) beside the weight it consumed (pale), ms',
    'ms',
    phases.map((p) => ({
      label: p.name,
      color: COLORS[p.name],
      bars: p.blocks.flatMap((b) => [
        { value: b.buildMs ?? 0, color: COLORS[p.name] },
        { value: b.weightMs, color: `${COLORS[p.name]}66` },
      ]),
    })),
  );
  const reads = barPanel(
    MARGIN.top + 20 + 2 * (PANEL + 80),
    `JSON-RPC reads over HTTP (${report.reads[0]?.connections ?? 0} connections): requests per second`,
    'req/s',
    report.reads.map((r) => ({
      label: `${r.name}: p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms`,
      color: '#76b7b2',
      bars: [{ value: r.requestsPerSecond, label: Math.round(r.requestsPerSecond).toLocaleString('en') }],
    })),
  );
  const height = MARGIN.top + 20 + 3 * (PANEL + 80) + 10;
  const revoke = report.revokeProbe;
  const subtitle = `${report.machine}; block time ${report.blockTimeMs} ms; ${report.accounts} accounts; ${report.date}` +
    (revoke ? `; a revoke sent mid-grant-flood waited ${revoke.blocksWaited} block(s)` : '');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    rect(0, 0, WIDTH, height, '#ffffff'),
    text(MARGIN.left, 24, 'CareChain load harness', { size: 18, weight: 'bold' }),
    text(MARGIN.left, 42, subtitle, { size: 12, fill: '#555' }),
    included,
    timing,
    reads,
    '</svg>',
  ].join('\n');
}

/** Writes the report's chart as `svgPath` and `pngPath`. */
export async function writeChart(report, svgPath, pngPath) {
  await writeFile(svgPath, reportSvg(report));
  await promisify(execFile)('rsvg-convert', ['--format', 'png', '--output', pngPath, svgPath]);
}
