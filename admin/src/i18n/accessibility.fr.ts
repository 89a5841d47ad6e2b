/** The accessibility screens' messages (RGAA): page titles, the statement, status messages. */
export const accessibilityScreensFr = {
  a11y: {
    title_edit: 'Modification',
    title_create: 'Création',
    login_title: 'Connexion',
    statement_link: "Accessibilité : partiellement conforme",
  },
};
