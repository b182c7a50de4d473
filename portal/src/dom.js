// A small helper to build DOM nodes without HTML strings (nothing from the chain is ever parsed
// as HTML): `h('button', { type: 'button', onclick }, 'Revoke')`.

/**
 * An element `tag` with `props` (attributes; `on*` functions become listeners; `false`, `null`
 * and `undefined` are left out) and `children` (nodes or text; arrays are flattened).
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything in `element` with `children`. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

let uniqueIds = 0;
/** Starts the ids afresh, so that a page rendered again gives its controls the same ids. */
export function resetIds() {
  uniqueIds = 0;
}

/** A fresh element id with `prefix`, for labels and `aria-describedby`. */
export function freshId(prefix) {
  uniqueIds += 1;
  return `${prefix}-${uniqueIds}`;
}

/** A labelled form control: `{ label, input }`, with the label's `for` set to the input's id. */
export function field(labelText, input, hint) {
  const id = input.id || freshId('field');
  input.id = id;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, labelText),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    input,
  );
}
