export interface ContactPhoneProps {
  phone: string
  /** e.g. 咨询电话 / 投诉电话 */
  label: string
}
