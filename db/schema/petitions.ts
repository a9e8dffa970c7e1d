// Petition side tables (signatures, ...): see issue "Petitions".
export {};
