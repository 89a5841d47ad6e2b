import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { Box, Card, CardContent, Link, Typography } from '@mui/material';
import { useDocumentLang } from '../layout/useDocumentLang.js';
import { useFixedDocumentTitle } from './useDocumentTitle.js';

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <Box component="section" sx={{ mt: 3, '& p': { mt: 0, mb: 1 }, '& ul': { mt: 0 } }}>
    <Typography variant="h5" component="h2" sx={{ fontWeight: 700, mb: 1 }}>
      {title}
    </Typography>
    {children}
  </Box>
);

/**
 * The accessibility statement, after the French State's RGAA model (conformity, non-conformities,
 * derogations, feedback, recourse). A legal text in French, public: readable before signing in.
 * Over 80 lines on purpose: the statement's text, read top to bottom.
 */
export const AccessibilityStatement = () => {
  useDocumentLang();
  useFixedDocumentTitle("Déclaration d'accessibilité");
  return (
    <Box component="main" id="main-content" lang="fr" sx={{ bgcolor: 'background.default', minHeight: '100vh', p: { xs: 1, sm: 3 } }}>
      <Card sx={{ maxWidth: 860, mx: 'auto' }}>
        <CardContent sx={{ p: { xs: 2, sm: 4 } }}>
          <Typography variant="h4" component="h1" sx={{ fontWeight: 700, overflowWrap: 'anywhere' }}>
            Déclaration d'accessibilité
          </Typography>
          <p>
            Le Département du Nord s'engage à rendre ses sites internet, intranet, extranet et ses progiciels accessibles,
            conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.
          </p>
          <p>Cette déclaration d'accessibilité s'applique à Réemploi, l'application de suivi des ordinateurs réformés du Département.</p>

          <Section title="État de conformité">
            <p>
              Réemploi est <strong>partiellement conforme</strong> avec le référentiel général d'amélioration de l'accessibilité
              (RGAA), version 4.1, en raison des non-conformités énumérées ci-dessous.
            </p>
          </Section>

          <Section title="Résultats des tests">
            <p>
              Aucun audit complet n'a encore été réalisé par un organisme extérieur : le taux de conformité n'est pas encore établi.
              Une auto-évaluation est faite à chaque version par des tests automatiques dans un vrai navigateur : titres des pages,
              visibilité du focus, navigation au clavier, messages de statut, textes en français, affichage à 320 et 640 pixels
              de large, structure des documents PDF, et l'outil axe-core sur chaque écran et chaque dialogue visités par les tests.
            </p>
          </Section>

          <Section title="Contenus non accessibles">
            <Typography variant="h6" component="h3">Non-conformités</Typography>
            <ul>
              <li>
                Documents PDF : le bon, le reçu, le manifeste, les certificats et l'export des données personnelles sont balisés
                (titre, langue, titres de sections, ordre de lecture, tableaux, alternative des codes QR et codes-barres) ; les
                étiquettes des appareils et le rapport d'inventaire, documents de travail internes, ne le sont pas encore (critère 13.3).
              </li>
              <li>Les graphiques du tableau de bord ont leurs données en tableau, mais les couleurs des séries ne sont pas vérifiées pour tous les contrastes (critère 3.3).</li>
            </ul>
            <Typography variant="h6" component="h3">Dérogations pour charge disproportionnée</Typography>
            <p>Aucune.</p>
            <Typography variant="h6" component="h3">Contenus non soumis à l'obligation d'accessibilité</Typography>
            <p>Les fichiers importés par les agents (exports GLPI, rapports des logiciels d'effacement) sont affichés tels quels.</p>
          </Section>

          <Section title="Établissement de cette déclaration">
            <p>Cette déclaration a été établie le 7 décembre 2026.</p>
            <p>Technologies utilisées : HTML5, CSS, JavaScript, WAI-ARIA, PDF.</p>
            <p>Environnement de test : Chromium, l'outil axe-core et des vérifications au clavier.</p>
          </Section>

          <Section title="Retour d'information et contact">
            <p>
              Le contact pour l'accessibilité de Réemploi est le Département du Nord. Si vous n'arrivez pas à accéder à un contenu
              ou à un service, contactez-le pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre
              forme :
            </p>
            <ul>
              <li>par courrier : Département du Nord, Hôtel du Département, 51 rue Gustave Delory, 59047 Lille Cedex ;</li>
              <li>auprès de votre travailleur social ou de l'agent qui vous a reçu.</li>
            </ul>
          </Section>

          <Section title="Voies de recours">
            <p>
              Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable du site un défaut d'accessibilité
              qui vous empêche d'accéder à un contenu ou à un des services et vous n'avez pas obtenu de réponse satisfaisante.
            </p>
            <ul>
              <li>
                Écrire un message au <Link href="https://formulaire.defenseurdesdroits.fr/">Défenseur des droits</Link> ;
              </li>
              <li>
                contacter <Link href="https://www.defenseurdesdroits.fr/saisir/delegues">le délégué du Défenseur des droits dans votre région</Link> ;
              </li>
              <li>envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>
            </ul>
          </Section>

          <Box sx={{ mt: 3 }}>
            <Link component={RouterLink} to="/">
              Retour à Réemploi
            </Link>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
};

/** The link to the statement, on every screen and on the sign-in page. */
export const StatementLink = () => {
  const translate = useTranslate();
  return (
    <Link component={RouterLink} to="/accessibilite" sx={{ display: 'inline-block', py: 1 }}>
      {translate('reemploi.a11y.statement_link')}
    </Link>
  );
};
