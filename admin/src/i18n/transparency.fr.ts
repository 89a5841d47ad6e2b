/** Messages of the transparency log on the device page (spread into fr.ts). */
export const transparencyScreensFr = {
  transparency: {
    included: 'Historique vérifiable : inclus dans le point de contrôle n° %{number} signé le %{date}.',
    pending: '%{smart_count} événement récent sera inclus au prochain point de contrôle. |||| %{smart_count} événements récents seront inclus au prochain point de contrôle.',
    no_checkpoint: 'Historique vérifiable : il sera inclus au premier point de contrôle signé.',
    altered: "L'historique de cet appareil ne correspond plus au journal de transparence : prévenez l'administrateur (vérification : npm run verify-custody).",
  },
  verify_document: {
    title: 'Vérifier un document',
    link: 'Vérifier un certificat ou un manifeste',
    explanation:
      "Déposez ici un certificat d'effacement ou un manifeste de lot reçu de Réemploi. Son empreinte (SHA-256) est calculée dans votre navigateur : le document n'est pas envoyé.",
    drop: 'Déposez le fichier PDF ici',
    choose: 'Choisir un fichier',
    issued: '« %{file} » : %{kind} %{reference} émis par Réemploi le %{date}, non modifié depuis.',
    included: 'Inscrit au journal de transparence, point de contrôle n° %{number} signé le %{date}.',
    pending: 'Il sera inscrit au prochain point de contrôle signé du journal de transparence.',
    unknown: "« %{file} » : document inconnu. Réemploi n'a pas émis ce fichier, ou il a été modifié depuis.",
    failed: 'La vérification a échoué : réessayez dans un instant.',
    back: 'Retour à la connexion',
    kinds: { certificate: "certificat d'effacement", 'batch-certificates': "certificats d'effacement du lot", manifest: 'manifeste du lot' },
  },
};
