// Keeps an entry form's draft in localStorage while the evaluator types, so that a dropped
// connection or a reload in the hall loses nothing; the page clears it once the record is
// saved. Only text values are kept (no files on these forms).

export function draftKey(roundId: number, kind: string, correctsId: number | null): string {
  return `evaluation-draft:${roundId}:${kind}:${correctsId ?? 'new'}`;
}

function restoreInto(form: HTMLFormElement, saved: Record<string, string>) {
  for (const [name, value] of Object.entries(saved)) {
    const field = form.elements.namedItem(name);
    if (field instanceof RadioNodeList) {
      for (const el of field) if (el instanceof HTMLInputElement) el.checked = el.value === value;
    } else if (field instanceof HTMLInputElement && field.type === 'checkbox') {
      field.checked = value === 'on';
    } else if (
      field instanceof HTMLInputElement ||
      field instanceof HTMLTextAreaElement ||
      field instanceof HTMLSelectElement
    ) {
      if (field.type !== 'hidden') field.value = value;
    }
  }
}

/** Svelte action: restores a saved draft on mount (calling onRestore), saves on every change. */
export function keepDraft(form: HTMLFormElement, options: { key: string; onRestore: () => void }) {
  try {
    const raw = localStorage.getItem(options.key);
    if (raw) {
      restoreInto(form, JSON.parse(raw) as Record<string, string>);
      options.onRestore();
    }
  } catch {
    // A corrupt or inaccessible store: start from the blank form.
  }
  const save = () => {
    const values: Record<string, string> = {};
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') values[name] = value;
    try {
      localStorage.setItem(options.key, JSON.stringify(values));
    } catch {
      // Storage full or disabled (private mode): the form still works, only without a draft.
    }
  };
  form.addEventListener('input', save);
  form.addEventListener('change', save);
  return {
    destroy() {
      form.removeEventListener('input', save);
      form.removeEventListener('change', save);
    }
  };
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing to clear.
  }
}
