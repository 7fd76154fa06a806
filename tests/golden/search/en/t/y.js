ssckbSearch.terms("en","y",{"forms":{"yaas":"yaa","years":"year"},"postings":{"yaa":[1,72,6,4],"year":[7,28],"yem":[7,5],"yemen":[7,5],"yes":[7,34],"yml":[7,15],"young":[7,5],"yunnan":[1,150,6,4]}});
