// A few lines of DOM for the unit tests: just enough of document, Node and
// Element for the page's element builders (format.js, views/common.js) and
// the language switch (i18n.js) to run in Node, without a browser.

export class Node {}

export class Text extends Node {
  constructor(data) {
    super();
    this.data = String(data);
  }

  get textContent() {
    return this.data;
  }
}

export class Element extends Node {
  constructor(tag) {
    super();
    this.tagName = tag.toUpperCase();
    this.childNodes = [];
    this.attributes = new Map();
    this.dataset = {};
    this.className = '';
    this.listeners = new Map();
  }

  append(...nodes) {
    for (const n of nodes) this.childNodes.push(n instanceof Node ? n : new Text(n));
  }

  setAttribute(name, value) {
    this.attributes.set(name, String(value));
  }

  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }

  addEventListener(type, fn) {
    this.listeners.set(type, fn);
  }

  get children() {
    return this.childNodes.filter((n) => n instanceof Element);
  }

  get textContent() {
    return this.childNodes.map((n) => n.textContent).join('');
  }

  set textContent(s) {
    this.childNodes = s === '' ? [] : [new Text(s)];
  }
}

// installDom puts document and Node on globalThis (the modules read them when called).
export function installDom() {
  globalThis.Node = Node;
  globalThis.document = {
    documentElement: new Element('html'),
    createElement: (tag) => new Element(tag),
    createTextNode: (s) => new Text(s),
  };
}
