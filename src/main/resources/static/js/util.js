// Small DOM helpers: the page is plain DOM, no framework, so that anyone can change it.

/** el('a', {href: '#/'}, 'text', child...) */
export function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) continue;
        if (name === 'class') node.className = value;
        else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
        else if (name === 'html') node.innerHTML = value;
        else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat(Infinity)) {
        if (child === undefined || child === null || child === false) continue;
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
}

export function entityLink(id, label) {
    return el('a', {href: `#/entity/${encodeURIComponent(id)}`, class: 'entity'}, label || id);
}

export function sourceLink(source) {
    if (!source) return el('span', {class: 'muted'}, 'no source recorded');
    const date = source.publishedOn ? ` (${source.publishedOn})` : ' (undated)';
    return el('span', {class: 'source'},
            el('a', {href: `#/source/${encodeURIComponent(source.id)}`}, source.title || source.id), date,
            source.url ? [' ', el('a', {href: source.url, target: '_blank', rel: 'noopener'}, 'open article ↗')] : null);
}

export function evidence(text) {
    return text ? el('blockquote', {class: 'evidence'}, `“${text}”`) : null;
}

export function confidence(value) {
    if (value === null || value === undefined) return null;
    return el('span', {class: 'confidence', title: 'confidence that the source states this'}, `confidence ${Math.round(value * 100)}%`);
}

/** Search highlights come from the API with <em> marks only; everything else is escaped here. */
export function highlighted(fragment) {
    const span = el('span');
    const parts = String(fragment).split(/(<em>|<\/em>)/);
    let inside = false;
    for (const part of parts) {
        if (part === '<em>') inside = true;
        else if (part === '</em>') inside = false;
        else if (part) span.append(inside ? el('mark', {}, part) : document.createTextNode(part));
    }
    return span;
}

export function loading(what = 'Loading') {
    return el('p', {class: 'loading', role: 'status'}, `${what}…`);
}

export function empty(text) {
    return el('p', {class: 'empty'}, text);
}

/** An API problem in plain words: what went wrong and what to change. */
export function problem(error) {
    const p = error.problem || {title: 'Something went wrong', detail: error.message};
    const box = el('div', {class: 'problem', role: 'alert'},
            el('strong', {}, p.title || 'Something went wrong'),
            p.detail ? el('p', {}, p.detail) : null);
    if (String(p.type || '').endsWith('/unknown-resource') && p.id) {
        const words = String(p.id).replace(/-/g, ' ');
        box.append(el('p', {}, 'Search for it by name instead: ', el('a', {href: `#/?q=${encodeURIComponent(words)}`}, `“${words}”`)));
    }
    if (Array.isArray(p.suggestions) && p.suggestions.length) {
        box.append(el('p', {}, 'Did you mean: ',
                p.suggestions.map((s, i) => [i ? ', ' : '', entityLink(s.id || s, s.label || s.id || s)])));
    }
    return box;
}

export function typeChip(type) {
    return el('span', {class: 'type'}, type);
}

/** Replaces a container's content; arrays are flattened and empty values left out. */
export function put(container, ...children) {
    container.replaceChildren(...children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false));
}

/** Runs an async render into a container with loading and error states. */
export async function fill(container, what, render) {
    container.replaceChildren(loading(what));
    try {
        const content = await render();
        put(container, content);
    } catch (e) {
        console.warn(e);
        container.replaceChildren(problem(e));
    }
}

export function formatNumber(value) {
    return typeof value === 'number' ? value.toLocaleString('en') : String(value ?? '');
}

export function humanize(slug) {
    return String(slug).replace(/-/g, ' ').replace(/^./, c => c.toUpperCase());
}

/** CSV of a table of strings, quoted where needed, as a file the browser downloads. */
export function downloadCsv(name, columns, rows) {
    const quote = v => {
        const s = v === null || v === undefined ? '' : String(v);
        return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const text = [columns, ...rows].map(r => r.map(quote).join(',')).join('\r\n');
    const a = el('a', {href: URL.createObjectURL(new Blob([text], {type: 'text/csv'})), download: name});
    document.body.append(a);
    a.click();
    a.remove();
}

const scripts = new Map();
/** Loads a bundled library once, when a view first needs it, so that other pages do not wait for it. */
export function library(src, global) {
    if (window[global]) return Promise.resolve(window[global]);
    if (!scripts.has(src)) {
        scripts.set(src, new Promise((resolve, reject) => {
            const script = el('script', {src});
            script.addEventListener('load', () => resolve(window[global]));
            script.addEventListener('error', () => reject(new Error(`Could not load ${src}`)));
            document.head.append(script);
        }));
    }
    return scripts.get(src);
}
