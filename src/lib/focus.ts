/**
 * A Svelte attachment (`{@attach focusOnMount}`) that moves focus to an element when it
 * appears, e.g. the result of a form action at the top of a long page: it scrolls into
 * view and screen readers announce it. The element needs tabindex="-1".
 */
export function focusOnMount(element: HTMLElement): void {
  element.focus();
}
