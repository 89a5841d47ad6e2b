/** The accessibility screens' messages (RGAA): page titles, the statement, status messages. */
export const accessibilityScreensFr = {
  a11y: {
    title_edit: 'Modification',
    title_create: 'Création',
    login_title: 'Connexion',
    statement_link: "Accessibilité : partiellement conforme",
    counter_scanned: '%{smart_count} scanné |||| %{smart_count} scannés',
    counter_expected: 'sur %{smart_count} attendu |||| sur %{smart_count} attendus',
    counter_flagged: '%{smart_count} hors lot |||| %{smart_count} hors lot',
    batch_steps: 'Étapes : %{steps}',
    chart_table_toggle: 'Voir les données en tableau',
    chart_month: 'Mois',
    chart_type: "Type d'appareil",
    invalid_value: "Cette valeur n'est pas valide",
    table_region: "Tableau : %{name}",
  },
};
