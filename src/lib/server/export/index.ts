// Table exports to CSV and XLSX (docs/rules/exports.md). Server-only.
export { toCsv } from './csv';
export { contentDisposition, exportResponse, readExportFormat, type ExportFileName } from './response';
export {
  guardFormula,
  type ExportColumn,
  type ExportColumnKind,
  type ExportFormat,
  type TableExport
} from './table-export';
export { listExportNotes, nameWithCode } from './list-notes';
export { safeSheetName, toXlsx, toXlsxBook, type SheetExport } from './xlsx';
