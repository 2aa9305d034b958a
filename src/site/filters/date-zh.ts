/** `{{ iso | dateZh }}` → 2021年1月26日 (date-fns). */
export { formatDateZh as dateZh } from '../report-view.ts';
