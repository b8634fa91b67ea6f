import { checkEvidenceFiles, sniffEvidenceType } from '../../appraisal/appeal-rules';
import type { EvidenceUpload } from './manual-events.repository';

// The evidence files of an entry form: images or PDF, told by their bytes (not by the name
// or the browser's claim), at most 3 and 5 MB together. Empty file inputs are skipped.

export async function readEvidenceUploads(
  form: FormData,
  field = 'evidence'
): Promise<{ files: EvidenceUpload[] } | { error: string }> {
  const files = form.getAll(field).filter((f): f is File => f instanceof File && f.size > 0);
  const problem = checkEvidenceFiles(files);
  if (problem) return { error: problem };
  const uploads: EvidenceUpload[] = [];
  for (const file of files) {
    const bytes = Buffer.from(await file.arrayBuffer());
    const mime = sniffEvidenceType(bytes);
    if (!mime) return { error: `“${file.name}”不是图片或 PDF 文件` };
    uploads.push({ fileName: file.name.slice(0, 200) || '附件', mime, bytes });
  }
  return { files: uploads };
}
