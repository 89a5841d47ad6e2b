/** Messages of the transparency log on the device page (spread into fr.ts). */
export const transparencyScreensFr = {
  transparency: {
    included: 'Historique vérifiable : inclus dans le point de contrôle n° %{number} signé le %{date}.',
    pending: '%{smart_count} événement récent sera inclus au prochain point de contrôle. |||| %{smart_count} événements récents seront inclus au prochain point de contrôle.',
    no_checkpoint: 'Historique vérifiable : il sera inclus au premier point de contrôle signé.',
    altered: "L'historique de cet appareil ne correspond plus au journal de transparence : prévenez l'administrateur (vérification : npm run verify-custody).",
  },
};
