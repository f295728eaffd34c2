/**
 * The API's report files (README "API overview", apps/api/src/reports): plan progress in the
 * appendix's own layout with "Kết quả thực hiện", and the monthly unit rating; Excel and Word.
 * They need the bearer token, so the app downloads them (api.download), never as a plain link.
 */
export const exportRoutes = {
  planProgress: (planId: string, format: 'xlsx' | 'docx') => `/reports/plans/${encodeURIComponent(planId)}/progress.${format}`,
  unitRatings: (from: string, to: string, format: 'xlsx' | 'docx') => `/reports/unit-ratings.${format}?from=${from}&to=${to}`,
};
