// Figures observed about an entity. The figures of one statement (100 million installs, in 87
// days, 1.1 million a day) are separate observations with separate metrics; they are grouped
// by what they share in the data (source, region, channel) so that they read as one fact.
import {get} from './api.js';
import {el, entityLink, evidence, formatNumber, humanize, library, sourceLink} from './util.js';

const MAX_FETCHED = 60;
const TREND = {growth: '↑ grew', decline: '↓ declined', stable: '→ stable'};
const TREND_COLOUR = {growth: '#2e7d32', decline: '#c62828'};

export async function observationsSection(ids, heading = true) {
    const entities = await Promise.all(ids.slice(0, MAX_FETCHED).map(id => get(`/api/entities/${encodeURIComponent(id)}`)));
    const observations = entities.map(read);
    const groups = new Map();
    for (const o of observations) {
        const key = [o.source?.id, o.region?.id, o.channel?.id].join('|');
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(o);
    }
    return [
        heading ? el('h2', {id: 'figures-h'}, `Figures (${ids.length})`) : null,
        ids.length > MAX_FETCHED ? el('p', {class: 'muted'}, `The first ${MAX_FETCHED} are shown; all are listed under Connections.`) : null,
        [...groups.values()].map(group),
    ];
}

function read(entity) {
    const p = entity.properties || {};
    const other = predicate => entity.relations.find(r => r.predicate === predicate && r.direction === 'out');
    const of = other('observationOf');
    return {
        id: entity.id, label: entity.label, metric: p.metric, value: p.value, unit: p.unit, trend: p.trend,
        period: p.period, periodStart: p.periodStart, periodEnd: p.periodEnd, evidence: p.evidence,
        segment: other('inSegment')?.other, region: other('inRegion')?.other, channel: other('reportedVia')?.other,
        source: (of || entity.relations[0])?.provenance?.source,
    };
}

function group(observations) {
    const first = observations[0];
    const metrics = [...new Set(observations.map(o => humanize(o.metric || 'figure')))];
    const where = [first.region ? ['in ', entityLink(first.region.id, first.region.label)] : null,
        first.channel ? [', reported via ', entityLink(first.channel.id, first.channel.label)] : null];
    const hasSegment = observations.some(o => o.segment);
    const quotes = [...new Set(observations.map(o => o.evidence).filter(Boolean))];
    const table = el('table', {class: 'figures'},
            el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, 'Figure'), el('th', {scope: 'col'}, 'Metric'),
                    hasSegment ? el('th', {scope: 'col'}, 'Segment') : null, el('th', {scope: 'col'}, 'Period'))),
            el('tbody', {}, observations.map(o => el('tr', {},
                    el('td', {class: 'figure'}, el('a', {href: `#/entity/${encodeURIComponent(o.id)}`, title: o.label}, figure(o))),
                    el('td', {}, humanize(o.metric || '')),
                    hasSegment ? el('td', {}, o.segment ? entityLink(o.segment.id, o.segment.label) : '') : null,
                    el('td', {}, o.period || [o.periodStart, o.periodEnd].filter(Boolean).join(' – '))))));
    return el('article', {class: 'figure-group'},
            el('h3', {}, metrics.join(', '), ' ', where),
            el('div', {class: 'figure-body'}, table, chart(observations)),
            el('div', {class: 'provenance'}, 'Source: ', sourceLink(first.source)),
            quotes.map(evidence));
}

function figure(o) {
    if (o.value !== undefined && o.value !== null) return `${formatNumber(o.value)} ${o.unit || ''}`.trim();
    return TREND[o.trend] || o.trend || '—';
}

/** A chart where one metric has several points or categories; none for a single figure. */
function chart(observations) {
    const byMetric = new Map();
    for (const o of observations) {
        const key = `${o.metric}|${o.unit || ''}`;
        if (!byMetric.has(key)) byMetric.set(key, []);
        byMetric.get(key).push(o);
    }
    const series = [...byMetric.values()].find(list => list.length > 1);
    if (!series) return null;
    const canvas = el('canvas', {role: 'img'});
    const box = el('figure', {class: 'chart'}, el('div', {class: 'chart-canvas'}, canvas));
    const name = o => o.segment?.label || o.region?.label || o.period || o.label;
    const numeric = series.every(o => typeof o.value === 'number');
    const dated = series.every(o => o.periodStart && o.periodEnd);
    let config;
    if (numeric) {
        canvas.setAttribute('aria-label', `${humanize(series[0].metric)} by ${series.map(name).join(', ')}`);
        config = {type: 'bar', data: {labels: series.map(name), datasets: [{label: `${humanize(series[0].metric)} (${series[0].unit || ''})`,
            data: series.map(o => o.value), backgroundColor: '#3b6ea5'}]}, options: {maintainAspectRatio: false, animation: false}};
    } else if (dated) {
        // No values, only a trend over a period: each category as the span it covers, coloured by its trend.
        const year = d => { const t = new Date(d); return t.getUTCFullYear() + (t - Date.UTC(t.getUTCFullYear(), 0, 1)) / 31557600000; };
        canvas.setAttribute('aria-label', series.map(o => `${name(o)}: ${o.trend || ''} ${o.period || ''}`).join('; '));
        config = {type: 'bar', data: {labels: series.map(name), datasets: [{label: `${humanize(series[0].metric)}: trend over the period`,
            data: series.map(o => [year(o.periodStart), year(o.periodEnd)]),
            backgroundColor: series.map(o => TREND_COLOUR[o.trend] || '#777')}]},
        options: {indexAxis: 'y', maintainAspectRatio: false, animation: false,
            scales: {x: {min: Math.floor(Math.min(...series.map(o => year(o.periodStart)))), ticks: {stepSize: 1, callback: v => String(v)}}},
            plugins: {tooltip: {callbacks: {label: c => `${TREND[series[c.dataIndex].trend] || series[c.dataIndex].trend}, ${series[c.dataIndex].period}`}},
                legend: {display: false}}}};
    } else {
        return null;
    }
    // Drawn once the canvas is in the page, so that Chart.js can measure it.
    let tries = 0;
    const draw = Chart => {
        if (canvas.isConnected) new Chart(canvas, config);
        else if (++tries < 100) setTimeout(() => draw(Chart), 20);
    };
    library('/webjars/chart.js/dist/chart.umd.min.js', 'Chart').then(draw, () => box.replaceWith(el('p', {class: 'muted'}, 'The chart could not be drawn.')));
    return box;
}
