/**
 * Measures a report's HTML in a real Chromium (puppeteer-core, the browser the PDF tests use): what
 * overflows its box, which badges sit on other text, which headings start a printed page. The page runs
 * no script of its own; the measuring functions are evaluated by the test.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { chromiumArgs } from '../../src/reporters/pdf/print-pdf.js';

/** A4 less the PDF's left and right margins (14 mm each), in CSS pixels: the width the printed body has. */
export const A4_BODY_PX = Math.round(((210 - 28) / 25.4) * 96);

export interface Overflow { element: string; text: string; scrollWidth: number; clientWidth: number }
export interface Overlap { badge: string; text: string }

export async function openBrowser(executablePath: string): Promise<Browser> {
  return puppeteer.launch({ executablePath, headless: true, pipe: true, args: chromiumArgs({ root: process.getuid?.() === 0 }) });
}

/** A page showing `html` at `width` CSS pixels, as a screen or as print. */
export async function show(browser: Browser, html: string, width: number, media: 'screen' | 'print'): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  await page.emulateMediaType(media);
  await page.setContent(html, { waitUntil: 'load' });
  // tsx compiles the measuring functions with esbuild's keepNames, which calls a __name helper the page lacks.
  await page.evaluate('globalThis.__name = (target) => target;');
  return page;
}

/** The document's width as laid out: more than the viewport means the page scrolls sideways. */
export function documentScrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Table headers and cells whose content is wider than the cell, and tables wider than their container. */
export function overflowingCells(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const found: Array<{ element: string; text: string; scrollWidth: number; clientWidth: number }> = [];
    const describe = (e: Element) => `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ').join('.')}` : ''}`;
    for (const table of document.querySelectorAll('table')) {
      const parent = table.parentElement!;
      if (table.getBoundingClientRect().width > parent.clientWidth + 1) {
        found.push({ element: describe(table), text: (table.textContent ?? '').slice(0, 60), scrollWidth: Math.round(table.getBoundingClientRect().width), clientWidth: parent.clientWidth });
      }
      for (const cell of table.querySelectorAll('th, td')) {
        // One pixel of slack for subpixel rounding.
        if (cell.scrollWidth > cell.clientWidth + 1) {
          found.push({ element: describe(cell), text: (cell.textContent ?? '').trim().slice(0, 60), scrollWidth: cell.scrollWidth, clientWidth: cell.clientWidth });
        }
      }
    }
    return found;
  });
}

/** Status and severity badges whose box overlaps any text of their table row that is not their own. */
export function badgeOverlaps(page: Page): Promise<Overlap[]> {
  return page.evaluate(() => {
    const found: Array<{ badge: string; text: string }> = [];
    const intersects = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    for (const row of document.querySelectorAll('tr')) {
      const badges = [...row.querySelectorAll('.st')];
      if (!badges.length) continue;
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      const texts: Array<{ node: Text; rects: DOMRect[] }> = [];
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        if (!node.data.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        texts.push({ node, rects: [...range.getClientRects()] });
      }
      for (const badge of badges) {
        const box = badge.getBoundingClientRect();
        for (const { node, rects } of texts) {
          if (badge.contains(node)) continue;
          if (rects.some((r) => intersects(box, r))) found.push({ badge: badge.textContent ?? '', text: node.data.trim().slice(0, 60) });
        }
      }
    }
    return found;
  });
}

/** Words of requirement ids (the bold first line of a requirement row) that a line break cuts in two. */
export function brokenIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    for (const strong of document.querySelectorAll('table.req td:first-child > strong')) {
      const text = strong.firstChild as Text | null;
      if (!text) continue;
      for (const match of text.data.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(text, match.index);
        range.setEnd(text, match.index + match[0].length);
        // A word on two lines has a box on each.
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(`${text.data} (${match[0]})`);
      }
    }
    return broken;
  });
}

/**
 * The text of every heading in document order (whitespace collapsed, as a reader sees it), and of the
 * first heading of each element that starts a printed page (a section, a framework).
 */
export function headings(page: Page): Promise<{ all: string[]; pageStarts: string[] }> {
  return page.evaluate(() => {
    const text = (e: Element) => (e.textContent ?? '').replace(/\s+/g, ' ').trim();
    const all = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(text);
    const pageStarts = [...document.querySelectorAll('body *')]
      .filter((e) => getComputedStyle(e).breakBefore === 'page')
      .map((e) => e.querySelector('h1, h2, h3, h4, h5, h6'))
      .filter((h): h is Element => h !== null)
      .map(text);
    return { all, pageStarts };
  });
}

/** The tallest elements that are kept whole on a printed page (`break-inside: avoid`), tallest first, in CSS pixels. */
export function unbreakableHeights(page: Page): Promise<Array<{ element: string; text: string; height: number }>> {
  return page.evaluate(() => [...document.querySelectorAll('body *')]
    .filter((e) => getComputedStyle(e).breakInside === 'avoid')
    .map((e) => ({ element: e.tagName.toLowerCase(), text: (e.textContent ?? '').trim().slice(0, 40), height: Math.round(e.getBoundingClientRect().height) }))
    .sort((a, b) => b.height - a.height));
}

/** The text of every distinct table header cell, whitespace collapsed. */
export function tableHeaderTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => [...new Set([...document.querySelectorAll('th')].map((th) => (th.textContent ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean))]);
}
