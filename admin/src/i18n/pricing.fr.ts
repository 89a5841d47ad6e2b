/** Messages of the price grid (specs → category → suggested solidarity price) and the legal caps (spread into fr.ts's resources). */
export const pricingResourcesFr = {
  'price-grids': {
    name: 'Grille de prix |||| Grilles de prix',
    menu: 'Grille de prix solidaires',
    title: 'Grille de prix solidaires',
    intro:
      "La grille range chaque appareil dans une catégorie (Premium, Standard, Essentiel) d'après sa mémoire, la génération de son processeur, son stockage et la santé de sa batterie, et propose un prix solidaire par type et catégorie. L'accueil du partenaire voit la catégorie et le prix suggéré en scannant l'appareil. Un appareil dont il manque une caractéristique est « à évaluer ». Pour changer la grille, créez une nouvelle version à partir d'une date : les versions précédentes restent consultables.",
    new: 'Nouvelle version',
    new_intro:
      "Vous créez une nouvelle version de la grille, préremplie avec celle en vigueur. Elle s'appliquera à partir de la date choisie (aujourd'hui ou plus tard) ; la version actuelle restera dans l'historique. Chaque prix doit rester sous le prix maximal légal de son type.",
    show_title: 'Grille « %{label} »',
    current: 'En vigueur',
    upcoming: 'À venir',
    past: 'Terminée',
    from: 'à partir du %{from}',
    period: 'du %{from} au %{to}',
    fields: {
      label: 'Nom de la version',
      validFrom: 'Valable à partir du',
      validUntil: "Valable jusqu'au",
      period: 'Validité',
      state: 'État',
      source: "D'où vient cette grille",
      createdAt: 'Créée le',
    },
    sections: { thresholds: 'Seuils par catégorie (minimums)', prices: 'Prix solidaires suggérés', source: 'Source' },
    thresholds_help:
      "Un appareil est Premium s'il atteint tous les minimums Premium, Standard s'il atteint tous les minimums Standard, sinon Essentiel. Une case vide : critère non regardé pour ce type.",
    criteria: {
      minRamGb: 'Mémoire (Go)',
      minCpuGeneration: 'Génération du processeur',
      minStorageGb: 'Stockage (Go)',
      ssdRequired: 'SSD exigé',
      minBatteryHealthPct: 'Santé de la batterie (%)',
    },
    categories: { premium: 'Premium', standard: 'Standard', essential: 'Essentiel', to_assess: 'À évaluer' },
    yes: 'oui',
    no: 'non',
    not_checked: '—',
    type: 'Type',
    category: 'Catégorie',
    source_required: "Indiquez d'où vient cette grille",
    source_letters: 'Indiquez d’où vient cette grille : un texte d’au moins %{count} lettres (accord avec le partenaire, délibération, document…)',
    legal: {
      title: 'Prix maximaux de revente fixés par la loi',
      intro:
        "Les conventions et la grille ne peuvent pas dépasser ces prix (prix TTC de matériels en état de fonctionner). Un plafond de convention ou un prix de la grille au-dessus est refusé.",
      equipment: 'Matériel',
      max: 'Prix maximal',
      source: 'Source',
    },
  },
};
