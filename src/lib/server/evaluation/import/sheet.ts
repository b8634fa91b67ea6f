// What the CSV and XLSX readers hand to the validation: the rows of one sheet as text,
// numbered as the spreadsheet shows them (the first line is row 1), and which cells held
// a formula. Pure.

export interface SheetRow {
  /** The row number a person sees in Excel or WPS. */
  row: number;
  cells: string[];
  /** Indexes of the cells that held a formula (their text is the formula). */
  formulas?: number[];
}

export interface Sheet {
  rows: SheetRow[];
  /** The text encoding a CSV was read in; XLSX is always Unicode. */
  encoding: 'UTF-8' | 'GB18030' | 'XLSX';
  /** The file ended in the middle of a row (no final line break): a short last row means truncation. */
  endsMidRow: boolean;
}

export type ReadOutcome = { ok: true; sheet: Sheet } | { ok: false; error: string };

/** A → 1st column … Z, AA, AB …: the letters Excel shows above a column (index from 0). */
export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
