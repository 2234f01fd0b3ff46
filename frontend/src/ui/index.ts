export { Button } from './Button';
export { Dialog } from './Dialog';
export { NumberPad } from './NumberPad';
export { Money, useFormatMoney } from './Money';
export { ToastProvider, useToast } from './Toasts';
export { Layout, StatusBadge, LanguageSwitch } from './Layout';
export { formatMoney, minorDigits, digitsToMinor, money } from './money';
export { SessionMenu } from './SessionMenu';
export * from './decimal';
