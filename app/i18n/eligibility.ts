// Why a person may not support or vote. Keys start with "eligibility.". Not yet part of the catalog
// in app/i18n/index.ts: the first page that checks eligibility adds it there.
export const nl = {
  "eligibility.email-not-confirmed": "Bevestig eerst uw e-mailadres via de link die we u stuurden.",
  "eligibility.not-verified-resident":
    "Alleen geverifieerde inwoners doen hieraan mee. Laat u verifiëren aan de balie of met de lettercode die u per post kreeg.",
  "eligibility.no-postcode": "Vul eerst uw postcode in bij uw account.",
  "eligibility.outside-municipality": "Uw postcode ligt niet in de gemeente. Alleen inwoners doen hieraan mee.",
  "eligibility.outside-neighbourhood": "Alleen inwoners van {neighbourhood} doen hieraan mee.",
  "eligibility.age-unknown":
    "Hiervoor geldt een minimumleeftijd, en uw geboortedatum is niet bekend. Laat u verifiëren als inwoner om mee te doen.",
  "eligibility.too-young": "U moet minstens {age} jaar oud zijn om mee te doen.",
};

export const en: Record<keyof typeof nl, string> = {
  "eligibility.email-not-confirmed": "First confirm your email address through the link we sent you.",
  "eligibility.not-verified-resident":
    "Only verified residents take part. Get verified at the desk or with the letter code you received by post.",
  "eligibility.no-postcode": "First add your postcode to your account.",
  "eligibility.outside-municipality": "Your postcode is not in the municipality. Only residents take part.",
  "eligibility.outside-neighbourhood": "Only residents of {neighbourhood} take part.",
  "eligibility.age-unknown": "There is a minimum age, and your date of birth is not known. Get verified as a resident to take part.",
  "eligibility.too-young": "You must be at least {age} years old to take part.",
};
